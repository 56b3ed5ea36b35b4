package dev.cowatch.server.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.UserId;
import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.platform.Ids;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.jdbc.TestDatabases;
import dev.cowatch.server.platform.trace.Tracing;
import dev.cowatch.server.room.bus.InMemoryRoomBus;
import dev.cowatch.server.room.bus.RoomBus;
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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A room whose compare-and-set fails under its lock: in a cluster, a lease that lapsed while this node was starved
 * and another node that decided meanwhile, refused as a decision to ask again (a departure is then asked again later,
 * not lost); on one node, the bug it would be.
 */
class LapsedLeaseTest {
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
  private final Database database = TestDatabases.sqlite();
  private final LosingStore store = new LosingStore(new InMemoryRoomStore());
  private final Identity ann = new Identity(new UserId("u-ann1"), Identity.Kind.ACCOUNT, "Ann");
  private final Identity bob = new Identity(new UserId("g-bob1"), Identity.Kind.GUEST, "Bob");

  @AfterEach
  void stop() {
    timers.shutdownNow();
    database.close();
  }

  @Test
  void inACluster_aDepartureWhoseSwapFails_isRefusedAsUnavailable_andTakesWhenAskedAgain() {
    RoomService rooms = rooms(true);
    RoomId room = rooms.create(RoomSettings.defaults("r", 5_000), ann, "film.mp4", null).orElseThrow().id();
    rooms.join(room, ann, "Ann", null, b -> { });
    RoomBus.Listener connection = b -> { };
    MemberId member = rooms.join(room, bob, "Bob", null, connection).memberId();

    store.loseNext = true;
    assertThatThrownBy(() -> rooms.disconnect(room, member, connection)).isInstanceOfSatisfying(Refusal.class,
        r -> assertThat(r.type()).isEqualTo("unavailable"));
    assertThat(rooms.find(room).orElseThrow().member(member).orElseThrow().isConnected()).isTrue();

    assertThat(rooms.disconnect(room, member, connection)).as("asked again").isTrue();
    assertThat(rooms.find(room).orElseThrow().member(member).orElseThrow().isConnected()).isFalse();
  }

  @Test
  void onOneNode_aSwapThatFailsUnderTheLock_isTheBugItIs() {
    RoomService rooms = rooms(false);
    RoomId room = rooms.create(RoomSettings.defaults("r", 5_000), ann, "film.mp4", null).orElseThrow().id();
    rooms.join(room, ann, "Ann", null, b -> { });
    RoomBus.Listener connection = b -> { };
    MemberId member = rooms.join(room, bob, "Bob", null, connection).memberId();

    store.loseNext = true;
    assertThatThrownBy(() -> rooms.disconnect(room, member, connection)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("changed under its lock");
  }

  private RoomService rooms(boolean shared) {
    return new RoomService(new LiveRooms(store, new InMemoryRoomBus(), new RoomLocks(4), MemberSessions.inMemory(),
        SessionNotices.local(), JobLeader.alone(), shared ? new Sharing.SharedNodes(null) : Sharing.ONE_NODE,
        () -> { }), new JdbcRoomRepository(database.jdbi()),
        Tolerances.DEFAULTS, clock, Ids.secure(), new JsonCodec(), timers, 10, Tracing.OFF);
  }

  /** A store whose next compare-and-set fails, as when another node wrote the room meanwhile. */
  private static final class LosingStore extends ForwardingRoomStore {
    volatile boolean loseNext;

    LosingStore(RoomStore inner) {
      super(inner);
    }

    @Override
    public boolean replace(long expectedRevision, Room next) {
      if (loseNext) {
        loseNext = false;
        return false;
      }
      return super.replace(expectedRevision, next);
    }
  }
}
