package dev.cowatch.server.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SentinelAddressTest {

  @Test
  void threeSentinels_becomeTheUrlLettuceReads_withEachOfThem_andTheMasterName() {
    String url = SentinelAddress.url("10.0.0.1:26379, sentinel-b:26380,127.0.0.1:26381", "cowatch");

    RedisURI uri = RedisURI.create(url);
    assertThat(uri.getSentinelMasterId()).isEqualTo("cowatch");
    assertThat(uri.getSentinels()).extracting(RedisURI::getHost).containsExactly("10.0.0.1", "sentinel-b", "127.0.0.1");
    assertThat(uri.getSentinels()).extracting(RedisURI::getPort).containsExactly(26379, 26380, 26381);
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("10.0.0.1", "cowatch", "'10.0.0.1' is not host:port"),
        Arguments.of("10.0.0.1:0", "cowatch", "has no port from 1 to 65535"),
        Arguments.of("10.0.0.1:70000", "cowatch", "has no port from 1 to 65535"),
        Arguments.of("10.0.0.1:26379,", "cowatch", "'' is not host:port"),
        Arguments.of("a b:26379", "cowatch", "'a b:26379' is not host:port"),
        Arguments.of("[::1]:26379", "cowatch", "'[::1]:26379' is not host:port"),
        Arguments.of("10.0.0.1:26379#x:1", "cowatch", "is not host:port"),
        Arguments.of("10.0.0.1:26379", "co#watch", "is not a master name"),
        Arguments.of("10.0.0.1:26379", "", "is not a master name"));
  }

  @ParameterizedTest
  @MethodSource("refused")
  void whatIsNotASentinelOrAName_isRefused_sayingWhich(String sentinels, String master, String message) {
    assertThatThrownBy(() -> SentinelAddress.url(sentinels, master))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
  }

  @Test
  void moreSentinelsThanADeploymentHas_areRefused() {
    String many = String.join(",", java.util.Collections.nCopies(SentinelAddress.MAX_SENTINELS + 1, "h:1"));
    assertThatThrownBy(() -> SentinelAddress.url(many, "cowatch")).hasMessageContaining("at most");
  }
}
