package dev.cowatch.server.rtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class IceServersTest {
  private final Clock clock = Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC);

  @Test
  void turnCredentials_followCoturnsRestApi_andExpireAfterTheTtl() {
    IceConfig config = IceConfig.parse("stun:stun.example.org:3478, turn:turn.example.org:3478?transport=udp",
        "north", Duration.ofHours(1));
    IceServers.Answer a = new IceServers(config, clock).forUser("u-ann");
    assertThat(a.iceServers()).hasSize(2);
    assertThat(a.iceServers().get(0)).isEqualTo(new IceServers.Server(List.of("stun:stun.example.org:3478"), null, null));
    IceServers.Server turn = a.iceServers().get(1);
    assertThat(turn.username()).isEqualTo("1800003600:u-ann");
    // echo -n "1800003600:u-ann" | openssl dgst -sha1 -hmac north -binary | base64
    assertThat(turn.credential()).isEqualTo("Y78mfHMifCx6LFWYWht3sjZx4p8=");
    assertThat(a.expiresAtMs()).isEqualTo(1_800_003_600_000L);
  }

  @Test
  void withoutASecret_turnIsHandedOutBare_andNothingExpires() {
    IceServers.Answer a = new IceServers(IceConfig.parse("turn:10.0.0.1:3478", null, null), clock).forUser("u-1");
    assertThat(a.iceServers()).containsExactly(new IceServers.Server(List.of("turn:10.0.0.1:3478"), null, null));
    assertThat(a.expiresAtMs()).isZero();
    assertThat(new IceServers(IceConfig.none(), clock).forUser("u-1").iceServers()).isEmpty();
  }

  @Test
  void badUrls_areRefusedWithTheUrlNamed() {
    assertThatThrownBy(() -> IceConfig.parse("http://x.org", null, null)).hasMessageContaining("'http://x.org'")
        .hasMessageContaining("stun:");
    assertThatThrownBy(() -> IceConfig.parse("turn:", null, null)).hasMessageContaining("no host");
    assertThatThrownBy(() -> IceConfig.parse("stun:a", null, Duration.ZERO)).hasMessageContaining("lifetime");
  }
}
