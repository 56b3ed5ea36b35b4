package dev.cowatch.server.room.upkeep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.FakeClock;
import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomDecider;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.UserId;
import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.platform.Ids;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.jdbc.TestDatabases;
import dev.cowatch.server.platform.trace.Tracing;
import dev.cowatch.server.room.RoomService;
import dev.cowatch.server.room.broadcast.RoomBroadcasts;
import dev.cowatch.server.room.bus.InMemoryRoomBus;
import dev.cowatch.server.room.decisions.DecisionPipeline;
import dev.cowatch.server.room.decisions.RoomCommits;
import dev.cowatch.server.room.jdbc.JdbcRoomRepository;
import dev.cowatch.server.room.live.InMemoryRoomStore;
import dev.cowatch.server.room.live.JobLeader;
import dev.cowatch.server.room.live.LiveRooms;
import dev.cowatch.server.room.live.MemberSessions;
import dev.cowatch.server.room.live.RoomLocks;
import dev.cowatch.server.room.live.RoomStore;
import dev.cowatch.server.room.live.SessionNotices;
import dev.cowatch.server.room.live.Sharing;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The background pass drops a room from live state once it has been empty for {@link IdleRooms#EVICTION_MS}, and not
 * before; a room with members stays however long. An empty room goes on playing, so what the database keeps of it is
 * where it had got to when it left memory: the next member to come loads it from there.
 */
class IdleEvictionTest {
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private final FakeClock clock = FakeClock.atFixedStart();
  private final Database database = TestDatabases.sqlite();
  private final JdbcRoomRepository repository = new JdbcRoomRepository(database.jdbi());
  private final RoomStore store = new InMemoryRoomStore();
  private final LiveRooms live = new LiveRooms(store, new InMemoryRoomBus(), new RoomLocks(4),
      MemberSessions.inMemory(), SessionNotices.local(), JobLeader.alone(), Sharing.ONE_NODE, () -> { });
  private final RoomService rooms = new RoomService(store, repository, new InMemoryRoomBus(), Tolerances.DEFAULTS,
      clock, Ids.secure(), new JsonCodec(), timers, 10);
  private final Identity ann = new Identity(new UserId("u-ann1"), Identity.Kind.ACCOUNT, "Ann");
  private final Identity bob = new Identity(new UserId("u-bob1"), Identity.Kind.ACCOUNT, "Bob");

  @AfterEach
  void stop() {
    timers.shutdownNow();
    database.close();
  }

  @Test
  void aRoomEmptyForAMinute_leavesMemory_storedWhereItHadGotTo_whileAnOccupiedOneStays() {
    RoomUpkeep upkeep = upkeep();
    RoomId emptied = rooms.create(RoomSettings.defaults("emptied", 5_000), ann, "film.mp4", null).orElseThrow().id();
    MemberId owner = rooms.join(emptied, ann, "Ann", null, b -> { }).memberId();
    rooms.apply(emptied, owner, new Intent.Play(rooms.find(emptied).orElseThrow().timeline().version()));
    rooms.apply(emptied, owner, new Intent.Leave());
    RoomId occupied = rooms.create(RoomSettings.defaults("occupied", 5_000), bob, "film.mp4", null).orElseThrow().id();
    rooms.join(occupied, bob, "Bob", null, b -> { });
    assertThat(store.get(emptied).orElseThrow().members()).isEmpty();
    assertThat(store.get(emptied).orElseThrow().timeline().state()).as("an empty room plays on")
        .isNotEqualTo(PlaybackState.PAUSED);

    upkeep.checkpoint(false); // the pass that finds it empty
    clock.elapse(IdleRooms.EVICTION_MS - RoomUpkeep.CHECKPOINT_PERIOD_MS);
    upkeep.checkpoint(false);
    assertThat(store.get(emptied)).as("empty for less than a minute").isPresent();

    clock.elapse(RoomUpkeep.CHECKPOINT_PERIOD_MS);
    Room last = store.get(emptied).orElseThrow();
    upkeep.checkpoint(false);

    assertThat(store.get(emptied)).as("empty for a minute").isEmpty();
    assertThat(store.get(occupied)).as("a room with a member").isPresent();
    assertThat(repository.load(emptied).orElseThrow().timeline().anchorPositionMs())
        .as("stored where it played when it left").isEqualTo(Math.round(last.timeline().positionAt(clock.millis())));
  }

  private RoomUpkeep upkeep() {
    TimelineCheckpoints checkpoints = new TimelineCheckpoints(repository, RoomUpkeep.CHECKPOINT_PLAYING_MS);
    RoomBroadcasts broadcasts = new RoomBroadcasts(live.bus(), new JsonCodec(), clock::millis, Sharing.ONE_NODE);
    IdleRooms idle = new IdleRooms();
    DecisionPipeline pipeline = new DecisionPipeline(live, repository, new RoomDecider(Tolerances.DEFAULTS),
        new RoomCommits(store, repository, checkpoints, idle, clock, Tracing.OFF, Sharing.ONE_NODE), checkpoints,
        broadcasts, timers, 60_000, clock, Tracing.OFF);
    return new RoomUpkeep(live, checkpoints, broadcasts, idle, pipeline, clock);
  }
}
