package dev.cowatch.server.room.upkeep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.FakeClock;
import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.MemberId;
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
import dev.cowatch.server.room.live.ForwardingRoomStore;
import dev.cowatch.server.room.live.InMemoryRoomStore;
import dev.cowatch.server.room.live.JobLeader;
import dev.cowatch.server.room.live.LiveRooms;
import dev.cowatch.server.room.live.MemberSessions;
import dev.cowatch.server.room.live.RoomLocks;
import dev.cowatch.server.room.live.RoomStore;
import dev.cowatch.server.room.live.SessionNotices;
import dev.cowatch.server.room.live.Sharing;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The background pass's safety net: besides the rooms marked as needing upkeep, each pass looks at the next share of
 * every live room, so a playing room whose mark was missed is still checkpointed within {@link RoomUpkeep#SHARES}
 * passes, and no pass reads every room at once.
 */
class UpkeepSharesTest {
  private static final int ROOMS = 40;
  private static final long START_MS = FakeClock.FIXED_START_MS;

  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private final FakeClock clock = new FakeClock(START_MS);
  private final Database database = TestDatabases.sqlite();
  private final JdbcRoomRepository repository = new JdbcRoomRepository(database.jdbi());
  private final List<Integer> sharesAsked = new ArrayList<>();
  /** A store whose marks were all missed: only the shares can find a room. */
  private final RoomStore store = new ForwardingRoomStore(new InMemoryRoomStore()) {
    @Override
    public Collection<Room> needingUpkeep() {
      return List.of();
    }

    @Override
    public Collection<Room> share(int index, int shares) {
      assertThat(shares).isEqualTo(RoomUpkeep.SHARES);
      sharesAsked.add(index);
      return super.share(index, shares);
    }
  };
  private final LiveRooms live = new LiveRooms(store, new InMemoryRoomBus(), new RoomLocks(4),
      MemberSessions.inMemory(), SessionNotices.local(), JobLeader.alone(), Sharing.ONE_NODE, () -> { });

  @AfterEach
  void stop() {
    timers.shutdownNow();
    database.close();
  }

  @Test
  void everyPlayingRoom_isCheckpointedWithinOneRoundOfShares_thoughNoMarkSaysSo_andEachPassReadsOneShare() {
    List<RoomId> playing = playingRooms();
    TimelineCheckpoints checkpoints = new TimelineCheckpoints(repository, RoomUpkeep.CHECKPOINT_PLAYING_MS);
    RoomBroadcasts broadcasts = new RoomBroadcasts(live.bus(), new JsonCodec(), clock::millis, Sharing.ONE_NODE);
    IdleRooms idle = new IdleRooms();
    DecisionPipeline pipeline = new DecisionPipeline(live, repository, new RoomDecider(Tolerances.DEFAULTS),
        new RoomCommits(store, repository, checkpoints, idle, clock, Tracing.OFF, Sharing.ONE_NODE), checkpoints,
        broadcasts, timers, 60_000, clock, Tracing.OFF);
    RoomUpkeep upkeep = new RoomUpkeep(live, checkpoints, broadcasts, idle, pipeline, clock);
    clock.elapse(RoomUpkeep.CHECKPOINT_PLAYING_MS);

    for (int pass = 0; pass < RoomUpkeep.SHARES / 2; pass++) upkeep.checkpoint(false);
    long halfway = playing.stream().filter(this::checkpointedNow).count();
    for (int pass = RoomUpkeep.SHARES / 2; pass < RoomUpkeep.SHARES; pass++) upkeep.checkpoint(false);

    // Half the shares hold some of the rooms, not all of them: a pass that read every room, or one share
    // again and again, would not leave this in between.
    assertThat(halfway).isBetween(1L, ROOMS - 1L);
    assertThat(playing).allMatch(this::checkpointedNow);
    assertThat(sharesAsked).hasSize(RoomUpkeep.SHARES).doesNotHaveDuplicates()
        .allMatch(i -> i >= 0 && i < RoomUpkeep.SHARES);
    // And round again, in the same order.
    upkeep.checkpoint(false);
    assertThat(sharesAsked.getLast()).isEqualTo(sharesAsked.getFirst());
  }

  /** Rooms playing from position 0, each stored at its start: a later checkpoint stores a position past 0. */
  private List<RoomId> playingRooms() {
    RoomService rooms = new RoomService(store, repository, new InMemoryRoomBus(), Tolerances.DEFAULTS, clock,
        Ids.secure(), new JsonCodec(), timers, ROOMS + 1);
    Identity ann = new Identity(new UserId("u-ann1"), Identity.Kind.ACCOUNT, "Ann");
    List<RoomId> ids = new ArrayList<>();
    for (int i = 0; i < ROOMS; i++) {
      RoomId room = rooms.create(RoomSettings.defaults("r" + i, 5_000), ann, "film.mp4", null).orElseThrow().id();
      MemberId owner = rooms.join(room, ann, "Ann", null, b -> { }).memberId();
      rooms.apply(room, owner, new Intent.Play(0));
      ids.add(room);
    }
    assertThat(ids).noneMatch(this::checkpointedNow);
    return ids;
  }

  /** Stored where it plays now, not where it started (play starts a moment ahead: the position is under 10 s). */
  private boolean checkpointedNow(RoomId id) {
    return repository.load(id).orElseThrow().timeline().anchorPositionMs() > 0;
  }
}
