package dev.cowatch.server.cli;

import static dev.cowatch.server.cli.CommandLines.runCatchingStandardError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** {@code --redis-sentinel} and {@code --redis-master} are checked before anything starts, and what is wrong is named. */
@Isolated("replaces System.err for a moment")
class RedisSentinelOptionTest {
  @Test
  void aRedisUrlAndSentinels_areRefused_asTwoRedis() {
    CommandLines.Run said = runCatchingStandardError("--redis-url", "redis://127.0.0.1:6379", "--redis-sentinel", "127.0.0.1:26379", "--port", "0");

    assertThat(said.exitCode()).isEqualTo(2);
    assertThat(said.err()).contains("--redis-url and --redis-sentinel both name a Redis: give one of them");
  }

  @Test
  void aSentinelWithoutAPort_isAUsageError_namingIt() {
    CommandLines.Run said = runCatchingStandardError("--redis-sentinel", "127.0.0.1:26379,sentinel-b", "--port", "0");

    assertThat(said.exitCode()).isEqualTo(2);
    assertThat(said.err()).contains("--redis-sentinel: 'sentinel-b' is not host:port");
  }

  @Test
  void aMasterNameThatIsNotOne_isAUsageError_namingIt() {
    CommandLines.Run said = runCatchingStandardError("--redis-sentinel", "127.0.0.1:26379", "--redis-master", "my master", "--port", "0");

    assertThat(said.exitCode()).isEqualTo(2);
    assertThat(said.err()).contains("--redis-master: 'my master' is not a master name");
  }
}
