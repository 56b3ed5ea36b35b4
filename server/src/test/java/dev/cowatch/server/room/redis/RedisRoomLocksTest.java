package dev.cowatch.server.room.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.platform.redis.Redis;
import dev.cowatch.server.room.RoomLocks;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes' locks on one room against the real Redis, with a lease short enough to watch: a node
 * that decides for longer than its lease keeps the room (it renews), and the other takes its turn
 * only after the first is done.
 */
class RedisRoomLocksTest {
  private static final Duration LEASE = Duration.ofMillis(300);
  private final String prefix = TestRedis.freshPrefix();
  private final Redis redisA = TestRedis.node(prefix);
  private final Redis redisB = TestRedis.node(prefix);
  private final RedisRoomLocks nodeA = new RedisRoomLocks(redisA, new RoomLocks(4), "a", System::nanoTime, LEASE);
  private final RedisRoomLocks nodeB = new RedisRoomLocks(redisB, new RoomLocks(4), "b", System::nanoTime, LEASE);
  private final RoomId room = new RoomId("leaseroom1");

  @AfterEach
  void clean() {
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

  @Test
  void aLeaseOfANodeThatStopped_lapsesByItself() {
    // A node killed mid-decision: its lease is in Redis, nobody renews or releases it.
    redisA.sync().set(redisA.key("lock:" + room.value()), "dead:1",
        io.lettuce.core.SetArgs.Builder.nx().px(LEASE.toMillis()));
    long t0 = System.nanoTime();
    long waitedMs = nodeB.call(room, () -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    assertThat(waitedMs).isBetween(LEASE.toMillis() / 2, 10 * LEASE.toMillis());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
