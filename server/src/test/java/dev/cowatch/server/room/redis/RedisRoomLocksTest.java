package dev.cowatch.server.room.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.platform.redis.Redis;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes' locks on one room against the real Redis, with a lease short enough to watch: a node
 * that decides for longer than its lease keeps the room (it renews), and the other takes its turn
 * only after the first is done; a node passes the lease on to its own next decision for the room.
 */
class RedisRoomLocksTest {
  private static final Duration LEASE = Duration.ofMillis(300);
  private final String prefix = TestRedis.freshPrefix();
  private final Redis redisA = TestRedis.node(prefix);
  private final Redis redisB = TestRedis.node(prefix);
  private final RedisRoomLocks nodeA = new RedisRoomLocks(redisA, "a", System::nanoTime, LEASE, LeaseTurns.standard());
  private final RedisRoomLocks nodeB = new RedisRoomLocks(redisB, "b", System::nanoTime, LEASE, LeaseTurns.standard());
  private final RoomId room = new RoomId("leaseroom1");

  /** A thread each: the tests' deciders block, and the common pool may have too few. */
  private final java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newCachedThreadPool();

  @AfterEach
  void clean() {
    threads.shutdownNow();
    redisA.close();
    redisB.close();
    TestRedis.clean(prefix);
  }

  @Test
  void aDecisionLongerThanTheLease_keepsTheRoom_andTheOtherNodeWaitsItsTurn() throws Exception {
    CountDownLatch aHolds = new CountDownLatch(1);
    long[] aEnded = new long[1];
    CompletableFuture<Void> a = CompletableFuture.runAsync(() -> nodeA.run(room, () -> {
      aHolds.countDown();
      sleep(4 * LEASE.toMillis());
      aEnded[0] = System.nanoTime();
    }));
    assertThat(aHolds.await(5, TimeUnit.SECONDS)).isTrue();
    long bStarted = nodeB.call(room, System::nanoTime);
    a.get(5, TimeUnit.SECONDS);

    assertThat(bStarted).as("node b decided only after node a was done, though a held it for 4 leases")
        .isGreaterThan(aEnded[0]);
    assertThat(redisA.sync().get(redisA.key("lock:" + room.value()))).as("released").isNull();
  }

  /**
   * A node waiting for the other's lease is woken by its release notice: here it would otherwise ask again only
   * after 10 s (it polled every 10 ms before the notices; a join storm's waiting nodes were tens of thousands of
   * Redis commands a second).
   */
  @Test
  void aNodeWaitingForTheLease_isWokenByItsRelease_notByAskingAgain() throws Exception {
    RedisRoomLocks wokenOnlyB = new RedisRoomLocks(redisB, "b", System::nanoTime, LEASE,
        new LeaseTurns(LeaseTurns.MAX_HOLD, LeaseTurns.PAUSE, Duration.ofSeconds(10)));
    CountDownLatch aHolds = new CountDownLatch(1);
    CountDownLatch aMayEnd = new CountDownLatch(1);
    long[] aEnded = new long[1];
    CompletableFuture<Void> a = CompletableFuture.runAsync(() -> nodeA.run(room, () -> {
      aHolds.countDown();
      await(aMayEnd);
      aEnded[0] = System.nanoTime();
    }), threads);
    assertThat(aHolds.await(5, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Long> b = CompletableFuture.supplyAsync(() -> wokenOnlyB.call(room, System::nanoTime), threads);
    sleep(200); // b has asked once and waits
    aMayEnd.countDown();
    a.get(5, TimeUnit.SECONDS);

    long waitedAfterRelease = TimeUnit.NANOSECONDS.toMillis(b.get(5, TimeUnit.SECONDS) - aEnded[0]);
    assertThat(waitedAfterRelease).as("ms from a's release to b's decision").isBetween(0L, 2_000L);
  }

  /**
   * The presence flush (one thread for every room) runs on a room only if its lease is free: while the other node
   * holds it the flush skips the room at once (it waited up to 6 s per room before, in a join storm).
   */
  @Test
  void runIfFree_skipsARoomAnotherNodeHolds_withoutWaiting_andRunsOnceItIsFree() throws Exception {
    CountDownLatch aHolds = new CountDownLatch(1);
    CountDownLatch aMayEnd = new CountDownLatch(1);
    CompletableFuture<Void> a = CompletableFuture.runAsync(() -> nodeA.run(room, () -> {
      aHolds.countDown();
      await(aMayEnd);
    }), threads);
    assertThat(aHolds.await(5, TimeUnit.SECONDS)).isTrue();
    boolean[] ran = new boolean[1];
    long t0 = System.nanoTime();
    assertThat(nodeB.runIfFree(room, () -> ran[0] = true)).as("skipped while a holds the room").isFalse();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).as("ms it took to skip").isLessThan(1_000);
    aMayEnd.countDown();
    a.get(5, TimeUnit.SECONDS);

    assertThat(ran[0]).isFalse();
    assertThat(nodeB.runIfFree(room, () -> ran[0] = true)).as("runs once the room is free").isTrue();
    assertThat(ran[0]).isTrue();
    assertThat(redisB.sync().get(redisB.key("lock:" + room.value()))).as("given back").isNull();
  }

  /**
   * A join another join's thread decided while it waited for this node's lock has nothing left to do: it must not
   * then wait for another node's lease (up to 15 s in a join storm) only to skip its work.
   */
  @Test
  void runUnless_whenNeedless_asksNoLease_whileAnotherNodeHoldsIt() throws Exception {
    CountDownLatch aHolds = new CountDownLatch(1);
    CountDownLatch aMayEnd = new CountDownLatch(1);
    CompletableFuture<Void> a = CompletableFuture.runAsync(() -> nodeA.run(room, () -> {
      aHolds.countDown();
      await(aMayEnd);
    }), threads);
    assertThat(aHolds.await(5, TimeUnit.SECONDS)).isTrue();
    boolean[] ran = new boolean[1];
    long t0 = System.nanoTime();
    nodeB.runUnless(room, () -> true, () -> ran[0] = true);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).as("ms it took to skip").isLessThan(1_000);
    assertThat(ran[0]).isFalse();
    aMayEnd.countDown();
    a.get(5, TimeUnit.SECONDS);

    nodeB.runUnless(room, () -> false, () -> ran[0] = true);
    assertThat(ran[0]).as("runs when there is work").isTrue();
  }

  /** A lease passed on to a decision that turns out needless is given back by it, not kept until it lapses. */
  @Test
  void aLeasePassedOnToANeedlessTurn_isGivenBack() throws Exception {
    RedisRoomLocks patientA = new RedisRoomLocks(redisA, "a", System::nanoTime, LEASE,
        new LeaseTurns(Duration.ofSeconds(30), LeaseTurns.PAUSE));
    CountDownLatch aHolds = new CountDownLatch(1);
    CountDownLatch aMayEnd = new CountDownLatch(1);
    CompletableFuture<Void> first = CompletableFuture.runAsync(() -> patientA.run(room, () -> {
      aHolds.countDown();
      await(aMayEnd);
    }), threads);
    assertThat(aHolds.await(5, TimeUnit.SECONDS)).isTrue();
    boolean[] ran = new boolean[1];
    CompletableFuture<Void> needless = CompletableFuture.runAsync(
        () -> patientA.runUnless(room, () -> true, () -> ran[0] = true), threads);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> patientA.users(room) == 2);
    aMayEnd.countDown();
    CompletableFuture.allOf(first, needless).get(5, TimeUnit.SECONDS);

    assertThat(ran[0]).isFalse();
    assertThat(lease()).as("given back by the needless turn, a lease long before it would lapse").isNull();
  }

  @Test
  void aLeaseOfANodeThatStopped_lapsesByItself() {
    // A node killed mid-decision: its lease is in Redis, nobody renews or releases it.
    redisA.sync().set(redisA.key("lock:" + room.value()), "dead:1",
        io.lettuce.core.SetArgs.Builder.nx().px(LEASE.toMillis()));
    long t0 = System.nanoTime();
    long waitedMs = nodeB.call(room, () -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    assertThat(waitedMs).isBetween(LEASE.toMillis() / 2, 10 * LEASE.toMillis());
  }

  /**
   * A release Redis does not answer (a failover under way) is sent again as soon as it answers: left to lapse, the
   * lease blocked the room on the promoted replica for the rest of its time (in the fault runs, the longest refusals
   * after a Redis failover). A lease of 30 s here: the other node gets the room within seconds of the cut's end,
   * long before the lease would lapse, and long before its own wait ({@link RedisRoomLocks#WAIT}) ends in a refusal.
   */
  @Test
  void aReleaseRedisDidNotAnswer_isSentAgainOnceItAnswers_ratherThanLeftToLapse() throws Exception {
    Duration longLease = Duration.ofSeconds(30);
    try (CuttableProxy proxy = new CuttableProxy(java.net.URI.create(TestRedis.URL).getPort());
        Redis cutA = Redis.connect("redis://127.0.0.1:" + proxy.port(), prefix)) {
      RedisRoomLocks a = new RedisRoomLocks(cutA, "a", System::nanoTime, longLease, LeaseTurns.standard());
      RedisRoomLocks b = new RedisRoomLocks(redisB, "b", System::nanoTime, longLease, LeaseTurns.standard());
      a.run(room, proxy::cut); // the decision ends with Redis away: its release is not answered
      assertThat(lease()).as("still held in Redis: the release did not arrive").startsWith("a:");

      CompletableFuture<Long> bDecided = CompletableFuture.supplyAsync(() -> b.call(room, System::nanoTime), threads);
      sleep(500);
      assertThat(bDecided).as("waits while a's lease stands").isNotDone();
      long restored = System.nanoTime();
      proxy.restore();

      long waitedMs = TimeUnit.NANOSECONDS.toMillis(bDecided.get(10, TimeUnit.SECONDS) - restored);
      assertThat(waitedMs).as("b decided soon after Redis answered a again (Lettuce reconnects within 250 ms)")
          .isLessThan(3_000);
      assertThat(lease()).as("b gave it back in turn").isNull();
    }
  }

  @Test
  void aDecisionWaitingOnTheSameNode_getsTheLeasePassedOn_beforeAnotherNodesTurn() throws Exception {
    // A hold long enough that this test's own waiting cannot reach it.
    RedisRoomLocks patientA = new RedisRoomLocks(redisA, "a", System::nanoTime, LEASE,
        new LeaseTurns(Duration.ofSeconds(30), LeaseTurns.PAUSE));
    CountDownLatch aHolds = new CountDownLatch(1);
    CountDownLatch aMayEnd = new CountDownLatch(1);
    java.util.List<String> order = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    String[] tokens = new String[2];
    CompletableFuture<Void> first = CompletableFuture.runAsync(() -> patientA.run(room, () -> {
      tokens[0] = lease();
      aHolds.countDown();
      await(aMayEnd);
      order.add("a1");
    }), threads);
    assertThat(aHolds.await(5, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> b = CompletableFuture.runAsync(() -> nodeB.run(room, () -> order.add("b")), threads);
    CompletableFuture<Void> second = CompletableFuture.runAsync(() -> patientA.run(room, () -> {
      tokens[1] = lease();
      order.add("a2");
    }), threads);
    // Both are queued (b polling Redis, a2 on a's lock) before a1 ends.
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> patientA.users(room) == 2);
    sleep(50);
    aMayEnd.countDown();
    CompletableFuture.allOf(first, second, b).get(10, TimeUnit.SECONDS);

    assertThat(order).containsExactly("a1", "a2", "b");
    assertThat(tokens[1]).as("the same lease, passed on without a round through Redis").isEqualTo(tokens[0]);
    assertThat(redisA.sync().get(redisA.key("lock:" + room.value()))).as("released at the end").isNull();
  }

  @Test
  void aNodeThatHeldTheLeaseItsLongest_givesItBack_andTheOtherNodeGoesFirst() throws Exception {
    // No hand-off at all, and a long pause after yielding: b's polls (every 10 ms at most) come first.
    RedisRoomLocks strictA = new RedisRoomLocks(redisA, "a", System::nanoTime, LEASE,
        new LeaseTurns(Duration.ZERO, Duration.ofMillis(500)));
    CountDownLatch aHolds = new CountDownLatch(1);
    CountDownLatch aMayEnd = new CountDownLatch(1);
    java.util.List<String> order = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    CompletableFuture<Void> first = CompletableFuture.runAsync(() -> strictA.run(room, () -> {
      aHolds.countDown();
      await(aMayEnd);
      order.add("a1");
    }), threads);
    assertThat(aHolds.await(5, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> b = CompletableFuture.runAsync(() -> nodeB.run(room, () -> order.add("b")), threads);
    CompletableFuture<Void> second = CompletableFuture.runAsync(() -> strictA.run(room, () -> order.add("a2")), threads);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> strictA.users(room) == 2);
    sleep(50);
    aMayEnd.countDown();
    CompletableFuture.allOf(first, second, b).get(10, TimeUnit.SECONDS);

    assertThat(order).containsExactly("a1", "b", "a2");
  }

  @Test
  void manyLeasesHeldAtOnce_areAllRenewed_pastOneBatch() throws Exception {
    int rooms = LeaseRenewals.BATCH + 10;
    CountDownLatch allHold = new CountDownLatch(rooms);
    CountDownLatch done = new CountDownLatch(1);
    java.util.List<CompletableFuture<Void>> holders = new java.util.ArrayList<>();
    for (int i = 0; i < rooms; i++) {
      RoomId r = new RoomId("many" + i);
      holders.add(CompletableFuture.runAsync(() -> nodeA.run(r, () -> {
        allHold.countDown();
        await(done);
      }), threads));
    }
    assertThat(allHold.await(10, TimeUnit.SECONDS)).isTrue();
    sleep(4 * LEASE.toMillis());

    for (int i = 0; i < rooms; i++) {
      assertThat(redisA.sync().get(redisA.key("lock:many" + i))).as("room %d's lease, 4 leases later", i).startsWith("a:");
    }
    done.countDown();
    CompletableFuture.allOf(holders.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
  }

  private String lease() {
    return redisA.sync().get(redisA.key("lock:" + room.value()));
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(20, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
