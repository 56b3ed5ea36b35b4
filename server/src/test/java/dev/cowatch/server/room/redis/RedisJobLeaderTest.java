package dev.cowatch.server.room.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cowatch.server.platform.redis.Redis;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One node of a cluster runs a job; another takes it over when the first stops renewing its lease. */
class RedisJobLeaderTest {
  private static final Duration LEASE = Duration.ofMillis(400);
  private final String prefix = TestRedis.freshPrefix();
  private final Redis redis = TestRedis.node(prefix);
  private final RedisJobLeader nodeA = new RedisJobLeader(redis, "node-a", LEASE);
  private final RedisJobLeader nodeB = new RedisJobLeader(redis, "node-b", LEASE);

  @AfterEach
  void close() {
    redis.close();
    TestRedis.clean(prefix);
  }

  @Test
  void theFirstToAsk_leads_andKeepsLeadingWhileItAsks() throws Exception {
    assertThat(nodeA.leads("checkpoint")).isTrue();
    assertThat(nodeB.leads("checkpoint")).isFalse();
    for (int i = 0; i < 4; i++) {
      Thread.sleep(LEASE.toMillis() / 2);
      assertThat(nodeA.leads("checkpoint")).as("renewed").isTrue();
      assertThat(nodeB.leads("checkpoint")).isFalse();
    }
    assertThat(nodeB.leads("another job")).as("each job its own lease").isTrue();
  }

  @Test
  void aLeaderThatStopsAsking_isReplaced() {
    assertThat(nodeA.leads("checkpoint")).isTrue();

    await().atMost(Duration.ofSeconds(3)).until(() -> nodeB.leads("checkpoint"));

    assertThat(nodeA.leads("checkpoint")).isFalse();
  }
}
