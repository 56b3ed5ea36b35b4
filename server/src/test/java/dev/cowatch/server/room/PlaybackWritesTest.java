package dev.cowatch.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.FakeClock;
import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.UserId;
import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.platform.Ids;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.jdbc.TestDatabases;
import dev.cowatch.server.room.bus.InMemoryRoomBus;
import dev.cowatch.server.room.jdbc.JdbcRoomRepository;
import dev.cowatch.server.room.live.ForwardingRoomStore;
import dev.cowatch.server.room.live.InMemoryRoomStore;
import dev.cowatch.server.room.live.RoomStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A decision that changed the playback alone (play, pause, seek) is handed to the store as such, so a shared store may
 * write that part alone; any other change (a join, a rename) is handed over whole.
 */
class PlaybackWritesTest {
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private final FakeClock clock = FakeClock.atFixedStart();
  private final Database database = TestDatabases.sqlite();
  private final List<String> writes = new ArrayList<>();
  private final RoomStore store = new ForwardingRoomStore(new InMemoryRoomStore()) {
    @Override
    public boolean replace(long expectedRevision, Room next) {
      writes.add("whole");
      return super.replace(expectedRevision, next);
    }

    @Override
    public boolean replacePlayback(long expectedRevision, Room next) {
      writes.add("playback");
      return super.replace(expectedRevision, next);
    }
  };
  private final RoomService rooms = new RoomService(store, new JdbcRoomRepository(database.jdbi()), new InMemoryRoomBus(),
      Tolerances.DEFAULTS, clock, Ids.secure(), new JsonCodec(), timers, 10);
  private final Identity ann = new Identity(new UserId("u-ann1"), Identity.Kind.ACCOUNT, "Ann");

  @AfterEach
  void stop() {
    timers.shutdownNow();
    database.close();
  }

  @Test
  void playPauseAndSeek_areWrittenAsPlayback_aJoinWhole() {
    RoomId room = rooms.create(RoomSettings.defaults("r", 5_000), ann, "film.mp4", null).orElseThrow().id();
    MemberId owner = rooms.join(room, ann, "Ann", null, b -> { }).memberId();
    writes.clear();

    rooms.apply(room, owner, new Intent.Play(0));
    clock.elapse(2_000);
    rooms.apply(room, owner, new Intent.Pause(1, 1_500L));
    rooms.apply(room, owner, new Intent.Seek(2, 30_000));
    assertThat(writes).containsExactly("playback", "playback", "playback");

    rooms.join(room, new Identity(new UserId("g-bob1"), Identity.Kind.GUEST, "Bob"), "Bob", null, b -> { });
    assertThat(writes).containsExactly("playback", "playback", "playback", "whole");
    assertThat(rooms.find(room).orElseThrow().timeline().anchorPositionMs()).isEqualTo(30_000);
  }
}
