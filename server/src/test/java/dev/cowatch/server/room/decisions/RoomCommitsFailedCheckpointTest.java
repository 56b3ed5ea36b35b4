package dev.cowatch.server.room.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowatch.core.FakeClock;
import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.UserId;
import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.platform.Ids;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.jdbc.TestDatabases;
import dev.cowatch.server.room.RoomService;
import dev.cowatch.server.room.bus.InMemoryRoomBus;
import dev.cowatch.server.room.jdbc.JdbcRoomRepository;
import dev.cowatch.server.room.live.InMemoryRoomStore;
import dev.cowatch.server.room.live.RoomRepository;
import dev.cowatch.server.room.live.RoomStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A timeline change whose checkpoint cannot be written is refused ({@link RoomCommits}): the live room took it first
 * (its compare-and-set is the commit point), so it is undone there, and nobody is told of a play that a restart would
 * not find. Left in place, the live room would play while the database still had it paused.
 */
class RoomCommitsFailedCheckpointTest {
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private final FakeClock clock = FakeClock.atFixedStart();
  private final Database database = TestDatabases.sqlite();
  private final JdbcRoomRepository jdbc = new JdbcRoomRepository(database.jdbi());
  private volatile boolean timelinesFail;
  private final RoomStore store = new InMemoryRoomStore();
  private final RoomService rooms = new RoomService(store, failingTimelines(), new InMemoryRoomBus(),
      Tolerances.DEFAULTS, clock, Ids.secure(), new JsonCodec(), timers, 10);
  private final Identity ann = new Identity(new UserId("u-ann1"), Identity.Kind.ACCOUNT, "Ann");

  @AfterEach
  void stop() {
    timers.shutdownNow();
    database.close();
  }

  @Test
  void aPlayWhoseCheckpointFails_isUndoneInTheLiveRoom_andTakesWhenTheDatabaseIsBack() {
    RoomId id = rooms.create(RoomSettings.defaults("r", 5_000), ann, "film.mp4", null).orElseThrow().id();
    MemberId owner = rooms.join(id, ann, "Ann", null, b -> { }).memberId();
    Room before = store.get(id).orElseThrow();

    timelinesFail = true;
    assertThatThrownBy(() -> rooms.apply(id, owner, new Intent.Play(before.timeline().version())))
        .hasMessageContaining("database away");

    Room live = store.get(id).orElseThrow();
    assertThat(live.timeline().state()).isEqualTo(PlaybackState.PAUSED);
    assertThat(live.revision()).as("taken, then undone: two revisions on").isEqualTo(before.revision() + 2);
    assertThat(live).as("the room as it was").isEqualTo(before.withRevision(live.revision()));

    timelinesFail = false;
    rooms.apply(id, owner, new Intent.Play(before.timeline().version()));
    assertThat(store.get(id).orElseThrow().timeline().state()).isNotEqualTo(PlaybackState.PAUSED);
  }

  /** The database, but its timeline writes fail while {@link #timelinesFail}. */
  private RoomRepository failingTimelines() {
    return (RoomRepository) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {RoomRepository.class},
        (proxy, method, args) -> {
          if (timelinesFail && method.getName().equals("saveTimelines")) {
            throw new IllegalStateException("database away");
          }
          try {
            return method.invoke(jdbc, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
