package dev.cowatch.server.room.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cowatch.server.platform.redis.Redis;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A decision's WAIT is asked of the Redis that has its write. After the writes' connection is made again (Redis
 * restarted, or the sentinels' promoted replica in its place) a write made before is on a Redis that may be gone: a
 * WAIT now would count the new one's replicas, so the decision is refused. A write made after is waited for, and a
 * count of replicas taken before the reconnect (another Redis's, perhaps) is taken again first.
 */
class ReplicatedWritesReconnectTest {
  private static final String SET = "redis.call('SET', KEYS[1], ARGV[1]); return 1";
  private final String prefix = TestRedis.freshPrefix();

  @AfterEach
  void clean() {
    TestRedis.clean(prefix);
  }

  @Test
  void aWriteMadeBeforeTheConnectionWasMadeAgain_isNotConfirmed_oneMadeAfterIs() throws Exception {
    try (CuttableProxy proxy = new CuttableProxy(URI.create(TestRedis.URL).getPort());
        Redis redis = Redis.connect("redis://127.0.0.1:" + proxy.port(), prefix);
        ReplicaConfirmations confirmations = ReplicaConfirmations.of(redis)) {
      String key = redis.key("k");
      assertThat(redis.lastReplicatedWriteOnThisConnection()).as("nothing written yet").isFalse();
      redis.replicatedScript(SET, new String[] {key}, "before");
      assertThat(redis.lastReplicatedWriteOnThisConnection()).isTrue();
      confirmations.confirm();

      long reconnects = redis.replicatedReconnects();
      proxy.cut();
      Thread.sleep(100);
      proxy.restore();
      await().atMost(Duration.ofSeconds(5)).until(() -> redis.replicatedReconnects() > reconnects);

      assertThat(redis.lastReplicatedWriteOnThisConnection()).isFalse();
      assertThatThrownBy(confirmations::confirm)
          .hasMessageContaining("did not copy the change");
      redis.replicatedScript(SET, new String[] {key}, "after");
      assertThat(redis.lastReplicatedWriteOnThisConnection()).isTrue();
      confirmations.confirm();
      assertThat(redis.sync().get(key)).isEqualTo("after");
    }
  }

  @Test
  void aCountOfTheRedisBeforeAReconnect_isTakenAgainBeforeTheFirstDecisionAfterIt() throws Exception {
    try (RedisWithSentinels before = RedisWithSentinels.start();
        CuttableProxy proxy = new CuttableProxy(before.primaryNow());
        Redis redis = Redis.connect("redis://127.0.0.1:" + proxy.port(), prefix)) {
      // The primary with its replica (online within a second of the start), counted once and not polled again.
      ReplicaConfirmations[] counted = new ReplicaConfirmations[1];
      await().atMost(Duration.ofSeconds(10)).until(() -> {
        if (counted[0] != null) counted[0].close();
        counted[0] = ReplicaConfirmations.countedOnce(redis);
        return counted[0].replicasNow() == 1;
      });
      try (ReplicaConfirmations confirmations = counted[0]) {
        long reconnects = redis.replicatedReconnects();
        // The writes' connection now reaches a Redis without replicas, as after a failover to the promoted replica.
        proxy.cut();
        proxy.retarget(URI.create(TestRedis.URL).getPort());
        proxy.restore();
        await().atMost(Duration.ofSeconds(5)).until(() -> redis.replicatedReconnects() > reconnects);
        assertThat(confirmations.replicasNow()).as("the old count, one replica").isEqualTo(1);

        redis.replicatedScript(SET, new String[] {redis.key("k")}, "after");
        confirmations.confirm();
        assertThat(confirmations.replicasNow()).as("counted again, on the Redis that has the write").isZero();
      }
    }
  }

  @Test
  void eachThreadIsJudgedByItsOwnLastWrite() throws Exception {
    try (Redis redis = TestRedis.node(prefix)) {
      redis.replicatedScript(SET, new String[] {redis.key("mine")}, "1");
      boolean[] other = new boolean[1];
      Thread t = Thread.ofVirtual().start(() -> other[0] = redis.lastReplicatedWriteOnThisConnection());
      t.join();
      assertThat(redis.lastReplicatedWriteOnThisConnection()).isTrue();
      assertThat(other[0]).as("a thread that wrote nothing has nothing to confirm on this connection").isFalse();
    }
  }
}
