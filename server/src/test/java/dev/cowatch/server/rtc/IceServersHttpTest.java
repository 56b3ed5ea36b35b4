package dev.cowatch.server.rtc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.http.Api;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /api/rtc/ice-servers hands the configured servers to anyone with a session, and to nobody else. */
class IceServersHttpTest {
  private static TestServer ts;
  private static Api api;

  @BeforeAll
  static void start() {
    ts = new TestServer(TestServer.tempDir(), c -> c.withIce(IceConfig.parse("stun:10.9.0.1:3478,turn:10.9.0.1:3478",
        "s3cret", Duration.ofMinutes(10))), Clock.systemUTC());
    api = new Api(ts);
  }

  @AfterAll
  static void stop() {
    api.close();
    ts.close();
  }

  @Test
  void aGuest_getsStunAndTurnWithItsOwnShortLivedCredential() {
    Api.Who guest = api.guest("Ann");
    Api.Reply reply = api.call("GET", "/api/rtc/ice-servers", null, guest.token());
    assertThat(reply.status()).isEqualTo(200);
    JsonNode servers = reply.json().get("iceServers");
    assertThat(servers.get(0).get("urls").get(0).asText()).isEqualTo("stun:10.9.0.1:3478");
    assertThat(servers.get(1).get("username").asText()).endsWith(":" + guest.userId());
    assertThat(servers.get(1).get("credential").asText())
        .isEqualTo(IceServers.hmac("s3cret", servers.get(1).get("username").asText()));
    long expires = reply.json().get("expiresAt").asLong();
    assertThat(expires - System.currentTimeMillis()).isBetween(Duration.ofMinutes(9).toMillis(), Duration.ofMinutes(11).toMillis());
  }

  @Test
  void withoutASession_theAnswerIs401() {
    assertThat(api.call("GET", "/api/rtc/ice-servers", null, null).status()).isEqualTo(401);
  }
}
