package dev.cowatch.server.room.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.platform.redis.Redis;
import dev.cowatch.server.room.bus.Broadcast;
import dev.cowatch.server.room.bus.LocalDelivery;
import dev.cowatch.server.room.bus.RoomBus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Broadcasts between two nodes through the machine's Redis. */
class RedisRoomBusTest {
  private static final RoomId ROOM = new RoomId("room-1");
  private final String prefix = TestRedis.freshPrefix();
  private final Redis redisA = TestRedis.node(prefix);
  private final Redis redisB = TestRedis.node(prefix);
  /** The room's timeline as the live rooms have it, as a node would read it to catch up. */
  private final AtomicReference<Broadcast> stored = new AtomicReference<>();
  private final RedisRoomBus nodeA = node(redisA, "node-a");
  private final RedisRoomBus nodeB = node(redisB, "node-b");

  @AfterEach
  void close() {
    nodeA.close();
    nodeB.close();
    redisA.close();
    redisB.close();
    TestRedis.clean(prefix);
  }

  @Test
  void aBroadcastOnOneNode_reachesTheOthersConnections_inOrder_andItsOwnOnce() {
    List<String> onA = new CopyOnWriteArrayList<>();
    List<String> onB = new CopyOnWriteArrayList<>();
    nodeA.subscribe(ROOM, b -> onA.add(b.json()));
    nodeB.subscribe(ROOM, b -> onB.add(b.json()));

    for (int i = 0; i < 200; i++) nodeA.publish(ROOM, new Broadcast(Broadcast.Kind.EVENT, "{\"n\":" + i + "}"));

    await().atMost(Duration.ofSeconds(5)).until(() -> onB.size() == 200);
    assertThat(onB).isEqualTo(onA);
    assertThat(onB.getFirst()).isEqualTo("{\"n\":0}");
    assertThat(onA).as("its own connections hear it once, at once").hasSize(200);
  }

  /**
   * A room's other nodes are not kept waiting while this node writes its own connections' frames: in a room of
   * hundreds that is milliseconds of the publishing thread, which the hop through Redis can run beside.
   */
  @Test
  void theOtherNodesHearABroadcast_whileThisNodesOwnConnectionsAreStillBeingHandedIt() {
    CountDownLatch heardOnB = new CountDownLatch(1);
    boolean[] bFirst = {false};
    nodeB.subscribe(ROOM, b -> heardOnB.countDown());
    nodeA.subscribe(ROOM, b -> {
      try {
        bFirst[0] = heardOnB.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });

    nodeA.publish(ROOM, new Broadcast(Broadcast.Kind.TIMELINE, "{\"v\":1}"));

    assertThat(bFirst[0]).as("node B had it before node A's own listener returned").isTrue();
  }

  @Test
  void everyKindOfBroadcast_arrivesWhole() {
    List<Broadcast> onB = new CopyOnWriteArrayList<>();
    nodeB.subscribe(ROOM, onB::add);
    Broadcast ended = Broadcast.ended("m-1", "{\"type\":\"bye\"}", 4006);
    Broadcast changes = Broadcast.presenceChanges("{\"changes\":1}", "{\"whole\":true}");
    Broadcast personal = Broadcast.personal(Map.of("m-1", "{\"mine\":1}", "m-2", "{\"mine\":2}"));
    Broadcast chat = Broadcast.chat("{\"type\":\"chat\",\"text\":\"Привет\"}", 17);

    for (Broadcast b : List.of(ended, changes, personal, chat)) nodeA.publish(ROOM, b);

    await().atMost(Duration.ofSeconds(5)).until(() -> onB.size() == 4);
    assertThat(onB.get(0).kind()).isEqualTo(Broadcast.Kind.ENDED);
    assertThat(onB.get(0).memberId()).isEqualTo("m-1");
    assertThat(onB.get(0).closeCode()).isEqualTo(4006);
    assertThat(new String(onB.get(1).whole(), StandardCharsets.UTF_8)).isEqualTo("{\"whole\":true}");
    assertThat(onB.get(1).json()).isEqualTo("{\"changes\":1}");
    assertThat(new String(onB.get(2).personal().get("m-2"), StandardCharsets.UTF_8)).isEqualTo("{\"mine\":2}");
    assertThat(onB.get(2).personalPayload("m-3")).isNull();
    assertThat(onB.get(3).json()).isEqualTo("{\"type\":\"chat\",\"text\":\"Привет\"}");
    assertThat(onB.get(3).chatLine()).isEqualTo(17);
  }

  /** Nodes send presence without the room's lease: a list made from an older revision must not undo a newer one. */
  @Test
  void aPresenceListOlderThanOneANodeDelivered_isDroppedThere_andOneAsNewIsNot() {
    List<String> onA = new CopyOnWriteArrayList<>();
    List<String> onB = new CopyOnWriteArrayList<>();
    nodeA.subscribe(ROOM, b -> onA.add(b.json()));
    nodeB.subscribe(ROOM, b -> onB.add(b.json()));

    nodeA.publish(ROOM, Broadcast.presence("{\"rev\":7}", 7));
    nodeB.publish(ROOM, Broadcast.presence("{\"rev\":6}", 6));
    nodeB.publish(ROOM, Broadcast.presence("{\"rev\":7,\"health\":\"newer\"}", 7));
    nodeA.publish(ROOM, Broadcast.presence("{\"rev\":5}", 5));
    nodeA.publish(ROOM, new Broadcast(Broadcast.Kind.EVENT, "{\"last\":true}"));

    await().atMost(Duration.ofSeconds(5)).until(() -> onB.contains("{\"last\":true}") && onA.size() >= 3);
    // A had handed on rev 7 when B's rev 6 came (B may have sent it before A's 7 reached B); rev 5 went nowhere.
    assertThat(onA).containsExactlyInAnyOrder("{\"rev\":7}", "{\"rev\":7,\"health\":\"newer\"}",
        "{\"last\":true}");
    assertThat(onA.getFirst()).isEqualTo("{\"rev\":7}");
    assertThat(onB).doesNotContain("{\"rev\":5}").contains("{\"rev\":7}", "{\"rev\":7,\"health\":\"newer\"}");
  }

  @Test
  void aNodeListensToARoom_onlyWhileItHasConnectionsInIt() {
    List<String> onB = new CopyOnWriteArrayList<>();
    RoomBus.Subscription first = nodeB.subscribe(ROOM, b -> onB.add(b.json()));
    RoomBus.Subscription second = nodeB.subscribe(ROOM, b -> onB.add(b.json()));
    assertThat(subscribers()).isEqualTo(1);

    first.close();
    assertThat(subscribers()).as("one connection is left").isEqualTo(1);
    second.close();
    // The last connection's UNSUBSCRIBE is not waited for.
    await().atMost(Duration.ofSeconds(5)).until(() -> subscribers() == 0);

    nodeA.publish(ROOM, new Broadcast(Broadcast.Kind.EVENT, "{\"late\":true}"));
    nodeA.publish(new RoomId("room-other"), new Broadcast(Broadcast.Kind.EVENT, "{}"));
    List<String> marker = new CopyOnWriteArrayList<>();
    nodeB.subscribe(new RoomId("room-marker"), b -> marker.add(b.json()));
    nodeA.publish(new RoomId("room-marker"), new Broadcast(Broadcast.Kind.EVENT, "{\"marker\":true}"));
    await().atMost(Duration.ofSeconds(5)).until(() -> marker.size() == 1);
    assertThat(onB).isEmpty();
  }

  /**
   * A SUBSCRIBE that Redis could not take (away for a moment) fails the connection that asked (its join is refused and
   * dialled again) and is sent again by the room's next connection on the node, which then hears the room.
   */
  @Test
  void aSubscriptionRefusedWhileRedisWasAway_isMadeAgainByTheRoomsNextConnection() throws Exception {
    try (RelayedNode c = new RelayedNode()) {
      c.cut();
      assertThatThrownBy(() -> c.bus.subscribe(ROOM, b -> { })).isInstanceOf(Refusal.class);

      c.proxy.restore();
      await().atMost(Duration.ofSeconds(5)).until(() -> c.redis.pubSub().isOpen());
      List<String> onC = new CopyOnWriteArrayList<>();
      RoomBus.Subscription s = c.bus.subscribe(ROOM, b -> onC.add(b.json()));
      assertThat(subscribers()).isEqualTo(1);
      nodeA.publish(ROOM, new Broadcast(Broadcast.Kind.EVENT, "{\"back\":true}"));
      await().atMost(Duration.ofSeconds(5)).until(() -> onC.contains("{\"back\":true}"));

      s.close();
      await("the refused connection is not counted").atMost(Duration.ofSeconds(5)).until(() -> subscribers() == 0);
    }
  }

  /**
   * Pub/sub keeps nothing for a node that is away: a decision published while node C's connection to Redis was down
   * (a restart, a failover) would stay unheard by C's members until the next one. When C's channel is confirmed again,
   * C reads the room's timeline and hands it on if it is newer than what its connections were handed; after a gap in
   * which nothing was decided, it hands them nothing.
   */
  @Test
  void aTimelineDecidedWhileANodeWasAwayFromRedis_isHandedToItsConnectionsWhenItsChannelComesBack() throws Exception {
    try (RelayedNode c = new RelayedNode()) {
      List<Broadcast> onC = new CopyOnWriteArrayList<>();
      c.bus.subscribe(ROOM, onC::add);
      decide(Broadcast.timeline("{\"version\":7}", 7));
      await().atMost(Duration.ofSeconds(5)).until(() -> onC.size() == 1);

      c.cut();
      decide(Broadcast.timeline("{\"version\":8}", 8));
      c.proxy.restore();

      await("the pause C missed").atMost(Duration.ofSeconds(10)).until(() -> onC.size() == 2);
      assertThat(onC.get(1).json()).isEqualTo("{\"version\":8}");
      assertThat(onC.get(1).revision()).isEqualTo(8);

      // A gap with no decision in it: C's members have the room's timeline already.
      c.cut();
      c.proxy.restore();
      await().atMost(Duration.ofSeconds(10)).until(() -> c.redis.pubSub().isOpen() && subscribers() == 1);
      decide(new Broadcast(Broadcast.Kind.EVENT, "{\"marker\":true}"));
      await().atMost(Duration.ofSeconds(5)).until(() -> onC.size() >= 3);
      assertThat(onC.get(2).json()).as("nothing handed on again before the next broadcast").isEqualTo("{\"marker\":true}");
      await("nor after it").during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> onC.size() == 3);
    }
  }

  /** A third node whose connection to Redis goes through a relay the test cuts: Redis away, as that node sees it. */
  private final class RelayedNode implements AutoCloseable {
    final CuttableProxy proxy = new CuttableProxy(java.net.URI.create(TestRedis.URL).getPort());
    final Redis redis = Redis.connect("redis://127.0.0.1:" + proxy.port(), prefix);
    final RedisRoomBus bus = node(redis, "node-c");

    RelayedNode() throws java.io.IOException {}

    /** Cuts the relay, once the node has seen its connection go. */
    void cut() {
      proxy.cut();
      await().atMost(Duration.ofSeconds(5)).until(() -> !redis.pubSub().isOpen());
    }

    @Override
    public void close() throws java.io.IOException {
      bus.close();
      redis.close();
      proxy.close();
    }
  }

  /** Node A decides: the room's timeline stored, then published, as a decision does. */
  private void decide(Broadcast b) {
    if (b.kind() == Broadcast.Kind.TIMELINE) stored.set(b);
    nodeA.publish(ROOM, b);
  }

  private RedisRoomBus node(Redis redis, String nodeId) {
    return new RedisRoomBus(redis, nodeId, LocalDelivery.onPublisher(),
        room -> room.equals(ROOM) ? Optional.ofNullable(stored.get()) : Optional.empty());
  }

  private long subscribers() {
    byte[] channel = (prefix + "bus:" + ROOM.value()).getBytes(StandardCharsets.UTF_8);
    return redisA.sync().pubsubNumsub(new String(channel, StandardCharsets.UTF_8)).values().iterator().next();
  }
}
