package dev.cowatch.server.room.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.Corrections;
import dev.cowatch.core.room.Intent;
import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.UserId;
import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.platform.Ids;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.jdbc.TestDatabases;
import dev.cowatch.server.platform.redis.Redis;
import dev.cowatch.server.platform.trace.Tracing;
import dev.cowatch.server.room.RoomService;
import dev.cowatch.server.room.bus.Broadcast;
import dev.cowatch.server.room.bus.LocalDelivery;
import dev.cowatch.server.room.bus.RoomBus;
import dev.cowatch.server.room.jdbc.JdbcRoomRepository;
import dev.cowatch.server.room.live.LiveRooms;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Health reports on a cluster: two room services (two nodes) over the machine's Redis and one database. A report is
 * stored as its member's own entry, without the room's lease, so it neither waits for a node that holds the room nor
 * is undone by that node's next change.
 */
class ClusterHealthReportsTest {
  private final String prefix = TestRedis.freshPrefix();
  private final Redis redisA = TestRedis.node(prefix);
  private final Redis redisB = TestRedis.node(prefix);
  private final Database database = TestDatabases.sqlite();
  private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
  private final LiveRooms liveA = RedisLiveRooms.over(redisA, "node-a", LocalDelivery.onPublisher(), new JsonCodec());
  private final LiveRooms liveB = RedisLiveRooms.over(redisB, "node-b", LocalDelivery.onPublisher(), new JsonCodec());
  private final RoomService nodeA = node(liveA);
  private final RoomService nodeB = node(liveB);
  private final Identity ann = new Identity(new UserId("u-ann1"), Identity.Kind.ACCOUNT, "Ann");
  private final Identity bob = new Identity(new UserId("u-bob1"), Identity.Kind.ACCOUNT, "Bob");

  private RoomService node(LiveRooms live) {
    return new RoomService(live, new JdbcRoomRepository(database.jdbi()), Tolerances.DEFAULTS, Clock.systemUTC(),
        Ids.secure(), new JsonCodec(), timers, 100, Tracing.OFF);
  }

  @AfterEach
  void close() throws Exception {
    liveA.resources().close();
    liveB.resources().close();
    redisA.close();
    redisB.close();
    timers.shutdownNow();
    database.close();
    TestRedis.clean(prefix);
  }

  @Test
  void aReport_isTakenWhileAnotherNodeHoldsTheRoom_andOutlivesThatNodesChange() throws Exception {
    RoomId room = nodeA.create(RoomSettings.defaults("Film night", 5_000), ann, "film.mp4", null).orElseThrow().id();
    List<Broadcast> annSees = new ArrayList<>();
    MemberId annMember = nodeA.join(room, ann, "Ann", null, annSees::add).memberId();
    MemberId bobMember = nodeB.join(room, bob, "Bob", null, b -> { }).memberId();

    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch letGo = new CountDownLatch(1);
    Thread holder = Thread.ofPlatform().start(() -> liveB.locks().call(room, () -> {
      holding.countDown();
      await(letGo);
      // Node B's decision, on the room as it read it under the lease: Ann's figures are not in it yet.
      long version = nodeB.find(room).orElseThrow().timeline().version();
      return nodeB.apply(room, bobMember, new Intent.Play(version));
    }));
    assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();

    long started = System.nanoTime();
    var decided = nodeA.apply(room, annMember, new Intent.Report(12.5, 40, 3, 0));
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    letGo.countDown();
    holder.join(10_000);

    assertThat(decided).hasValueSatisfying(d -> assertThat(d.isRejected()).isFalse());
    // A locked report would have waited for B's lease (6 s, then refused).
    assertThat(tookMs).as("the report waited for no lease").isLessThan(2_000);
    Member seen = nodeB.find(room).orElseThrow().member(annMember).orElseThrow();
    assertThat(seen.driftMs()).isEqualTo(12.5);
    assertThat(seen.rttMs()).isEqualTo(40.0);
    assertThat(seen.corrections()).isEqualTo(new Corrections(3, 0));
  }

  @Test
  void aMemberWhoComesBack_startsWithoutFigures_andOneWhoLeaves_takesThemAlong() {
    RoomId room = nodeA.create(RoomSettings.defaults("Film night", 5_000), ann, "film.mp4", null).orElseThrow().id();
    List<Broadcast> first = new ArrayList<>();
    RoomBus.Listener firstConnection = first::add;
    MemberId annMember = nodeA.join(room, ann, "Ann", null, firstConnection).memberId();
    nodeA.apply(room, annMember, new Intent.Report(12.5, 40, 3, 0));
    assertThat(nodeA.disconnect(room, annMember, firstConnection)).isTrue();

    List<Broadcast> second = new ArrayList<>();
    assertThat(nodeB.join(room, ann, "Ann", tokenIn(first), second::add).memberId()).isEqualTo(annMember);
    Member back = nodeA.find(room).orElseThrow().member(annMember).orElseThrow();
    assertThat(back.driftMs()).isNull();
    assertThat(back.corrections()).isEqualTo(Corrections.NONE);

    nodeB.apply(room, annMember, new Intent.Report(5, 20, 0, 0));
    nodeB.apply(room, annMember, new Intent.Leave());
    assertThat(redisA.sync().hlen(prefix + "room-health:" + room.value())).isZero();
  }

  private static String tokenIn(List<Broadcast> received) {
    Matcher m = Pattern.compile("\"resumeToken\":\"([^\"]+)\"").matcher(received.getFirst().json());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
