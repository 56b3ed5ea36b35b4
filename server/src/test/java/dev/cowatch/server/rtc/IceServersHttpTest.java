package dev.cowatch.server.rtc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.protocol.SyncFrame;
import dev.cowatch.server.RawSocket;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.http.Api;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GET /api/rtc/ice-servers hands the configured servers, TURN credentials among them, to a connected member
 * of the room named whose peers connect, and to nobody else.
 */
class IceServersHttpTest {
  private static TestServer ts;
  private static Api api;

  @BeforeAll
  static void start() {
    ts = new TestServer(TestServer.tempDir(), c -> c.ice(IceConfig.parse("stun:10.9.0.1:3478,turn:10.9.0.1:3478",
        "s3cret", Duration.ofMinutes(10))), Clock.systemUTC());
    api = new Api(ts);
  }

  @AfterAll
  static void stop() {
    api.close();
    ts.close();
  }

  private static String path(RoomId room) {
    return "/api/rtc/ice-servers?room=" + room.value();
  }

  @Test
  void aGuestConnectedToARoom_getsStunAndTurnWithItsOwnShortLivedCredential() {
    Api.Who guest = api.guest("Ann");
    RoomId room = ts.createRoom("film.mp4");
    Api.Reply reply;
    try (RawSocket socket = RawSocket.open(ts.wsUri(room.value()))) {
      socket.helloWithToken("Ann", guest.token());
      reply = api.call("GET", path(room), null, guest.token());
    }
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
  void aFreshGuestInNoRoom_getsNoRelay_403() {
    Api.Who guest = api.guest("Mallory");
    Api.Reply bare = api.call("GET", "/api/rtc/ice-servers", null, guest.token());
    assertThat(bare.status()).isEqualTo(403);
    assertThat(bare.json().get("type").asText()).endsWith("/ice-servers-not-needed");
    assertThat(bare.body()).doesNotContain("credential");
    // Naming a room it is not in is no better, nor naming none that exists.
    assertThat(api.call("GET", path(ts.createRoom("film.mp4")), null, guest.token()).status()).isEqualTo(403);
    assertThat(api.call("GET", "/api/rtc/ice-servers?room=nope-nope", null, guest.token()).status()).isEqualTo(403);
  }

  @Test
  void aMemberWhoLeft_getsNoRelay_403() {
    Api.Who guest = api.guest("Ann");
    RoomId room = ts.createRoom("film.mp4");
    try (RawSocket socket = RawSocket.open(ts.wsUri(room.value()))) {
      socket.helloWithToken("Ann", guest.token());
      assertThat(api.call("GET", path(room), null, guest.token()).status()).isEqualTo(200);
    }
    dev.cowatch.server.Timings.within(RawSocket.WAIT)
        .until(() -> api.call("GET", path(room), null, guest.token()).status() == 403);
  }

  @Test
  void aMemberOfARoomOverTheMeshSize_withNoSharedFile_getsNoRelay_403() {
    RoomId room = ts.createRoom("film.mp4");
    Api.Who guest = api.guest("Ann");
    List<RawSocket> others = new ArrayList<>();
    try (RawSocket socket = RawSocket.open(ts.wsUri(room.value()))) {
      socket.helloWithToken("Ann", guest.token());
      for (int i = 0; i < SyncFrame.MAX_MESH; i++) {
        RawSocket other = RawSocket.open(ts.wsUri(room.value()));
        others.add(other);
        other.hello("M" + i);
      }
      // Nine connected: the room keeps no peer connections, so nobody in it needs a relay.
      assertThat(api.call("GET", path(room), null, guest.token()).status()).isEqualTo(403);
      others.removeFirst().close();
      dev.cowatch.server.Timings.within(RawSocket.WAIT)
          .until(() -> api.call("GET", path(room), null, guest.token()).status() == 200);
    } finally {
      others.forEach(RawSocket::close);
    }
  }

  @Test
  void withoutASession_theAnswerIs401() {
    assertThat(api.call("GET", "/api/rtc/ice-servers", null, null).status()).isEqualTo(401);
  }
}
