package dev.cowatch.server.room.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.platform.redis.Redis;
import dev.cowatch.server.platform.redis.RedisPasswords;
import dev.cowatch.server.platform.redis.SentinelAddress;
import dev.cowatch.server.room.live.ClusterConfig;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The reference Redis with Sentinel behind passwords ({@code scripts/redis-ha.sh} with {@code REDIS_HA_PASSWORD} and
 * {@code REDIS_HA_SENTINEL_PASSWORD}): a node given both keeps its rooms there, also on the replica the sentinels
 * promote (it asks for the same password); a node short of either, or with a wrong one, is refused at its start with
 * what to set, and nothing is printed of a password.
 */
class RedisPasswordsTest {
  private static final String PRIMARY = "primary-" + Long.toHexString(System.nanoTime());
  private static final String SENTINELS = "sentinels-" + Long.toHexString(System.nanoTime());
  private static final RedisPasswords BOTH = new RedisPasswords(PRIMARY, SENTINELS);

  @Test
  void aNodeWithBothPasswords_keepsItsRoomsThroughAFailover_andOneWithoutEitherIsToldWhatToSet() throws Exception {
    try (RedisWithSentinels redis = RedisWithSentinels.start(BOTH)) {
      String url = SentinelAddress.url(redis.sentinels(), "cowatch");
      // Each case is asked of the part that refuses (a sentinel, the primary), not read from Lettuce's exception,
      // which carries a sentinel's NOAUTH in some attempts and not in others.
      for (int attempt = 0; attempt < 3; attempt++) {
        assertThatThrownBy(() -> Redis.connect(url, new RedisPasswords(null, SENTINELS), "t:"))
            .as("without the primary's password").hasMessageContaining("the primary at 127.0.0.1:")
            .hasMessageContaining("NOAUTH").hasMessageContaining("COWATCH_REDIS_PASSWORD")
            .hasMessageNotContaining("COWATCH_REDIS_SENTINEL_PASSWORD").hasMessageNotContaining(SENTINELS);
        assertThatThrownBy(() -> Redis.connect(url, new RedisPasswords("wrong", SENTINELS), "t:"))
            .as("with a wrong one").hasMessageContaining("WRONGPASS").hasMessageContaining("COWATCH_REDIS_PASSWORD")
            .hasMessageNotContaining("wrong").hasMessageNotContaining("COWATCH_REDIS_SENTINEL_PASSWORD");
        assertThatThrownBy(() -> Redis.connect(url, new RedisPasswords(PRIMARY, null), "t:"))
            .as("without the sentinels' password").hasMessageContaining("the sentinel at 127.0.0.1:")
            .hasMessageContaining("COWATCH_REDIS_SENTINEL_PASSWORD").hasMessageNotContaining(PRIMARY);
      }
      assertThatThrownBy(() -> Redis.connect(SentinelAddress.url(redis.sentinels(), "films"), BOTH, "t:"))
          .as("a primary the sentinels do not monitor").hasMessageContaining("knows no primary named 'films'")
          .hasMessageContaining("--redis-master").hasMessageNotContaining(PRIMARY).hasMessageNotContaining(SENTINELS);

      ClusterConfig cluster = new ClusterConfig(url, ClusterConfig.DEFAULT_PREFIX, ClusterConfig.Role.ALL, BOTH);
      assertThat(cluster.toString()).as("a configuration as logged").doesNotContain(PRIMARY).doesNotContain(SENTINELS);
      try (TestServer node = new TestServer(TestServer.tempDir(), c -> c.cluster(cluster), Clock.systemUTC())) {
        RoomId before = node.createRoom("film.mp4");
        redis.killPrimary();
        long killedAt = System.nanoTime();
        RoomId after = null;
        while (after == null) {
          assertThat(System.nanoTime() - killedAt).as("no room could be made for 20 s after the failover")
              .isLessThan(Duration.ofSeconds(20).toNanos());
          try {
            after = node.createRoom("film.mp4");
          } catch (RuntimeException unavailable) {
            Thread.sleep(200);
          }
        }
        assertThat(redis.primaryNow()).as("the sentinels promoted the replica").isEqualTo(redis.replicaPort());
        assertThat(node.server().rooms().service().find(before)).as("the room made before the failover").isPresent();
        assertThat(node.server().rooms().service().find(after)).as("the room made on the promoted replica").isPresent();
      }
    }
  }
}
