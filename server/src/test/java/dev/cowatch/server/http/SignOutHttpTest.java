package dev.cowatch.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowatch.protocol.CloseCodes;
import dev.cowatch.server.RawSocket;
import dev.cowatch.server.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signing out (one session) and a refresh-token reuse end that session's access tokens at once, for
 * every REST route and the WebSocket hello, not only when the token expires (issue 19, finding 5).
 */
class SignOutHttpTest {
  private static final String ROOM = "{\"name\":\"Film\",\"mediaId\":\"https://example.org/film.mp4\"}";
  private static TestServer ts;
  private static Api api;

  @BeforeAll
  static void start() {
    ts = new TestServer();
    api = new Api(ts);
  }

  @AfterAll
  static void stop() {
    api.close();
    ts.close();
  }

  private static JsonNode register(String name) {
    Api.Reply r = api.call("POST", "/api/auth/register", "{\"email\":\"" + name + "-" + System.nanoTime()
        + "@example.test\",\"password\":\"correct horse battery\",\"displayName\":\"" + name + "\"}", null);
    assertThat(r.status()).isEqualTo(201);
    return r.json();
  }

  private static String roomId(String token) {
    Api.Reply r = api.call("POST", "/api/rooms", ROOM, token);
    assertThat(r.status()).isEqualTo(201);
    return r.json().get("id").asText();
  }

  @Test
  void signOut_endsThatSessionsAccessTokenAtOnce_forRestAndTheWebSocket() {
    JsonNode ann = register("ann");
    String token = ann.get("accessToken").asText();
    String room = roomId(token);
    assertThat(api.call("GET", "/api/me", null, token).status()).isEqualTo(200);

    Api.Reply out = api.call("POST", "/api/auth/logout",
        "{\"refreshToken\":\"" + ann.get("refreshToken").asText() + "\"}", null);
    assertThat(out.status()).isEqualTo(204);

    assertThat(api.call("GET", "/api/me", null, token).status()).isEqualTo(401);
    assertThat(api.call("POST", "/api/rooms", ROOM, token).status()).isEqualTo(401);
    try (RawSocket s = RawSocket.open(ts.wsUri(room))) {
      assertThat(s.helloWithToken("Ann", token)).as("hello refused").isNull();
      assertThat(s.awaitError("unauthorized").code()).isEqualTo("unauthorized");
      assertThat(s.awaitClose(RawSocket.WAIT)).isEqualTo(CloseCodes.UNAUTHORIZED);
    }
  }

  @Test
  void signOut_leavesTheSameAccountsOtherSessionsWorking() {
    JsonNode ann = register("ann");
    Api.Reply other = api.call("POST", "/api/auth/login", "{\"email\":\"" + ann.get("user").get("email").asText()
        + "\",\"password\":\"correct horse battery\"}", null);
    assertThat(other.status()).isEqualTo(200);

    api.call("POST", "/api/auth/logout", "{\"refreshToken\":\"" + ann.get("refreshToken").asText() + "\"}", null);

    assertThat(api.call("GET", "/api/me", null, ann.get("accessToken").asText()).status()).isEqualTo(401);
    assertThat(api.call("GET", "/api/me", null, other.json().get("accessToken").asText()).status()).isEqualTo(200);
  }

  @Test
  void refreshTokenReuse_endsTheAccessTokenIssuedFromTheRevokedFamily() {
    JsonNode ann = register("ann");
    String first = ann.get("refreshToken").asText();
    Api.Reply refreshed = api.call("POST", "/api/auth/refresh", "{\"refreshToken\":\"" + first + "\"}", null);
    assertThat(refreshed.status()).isEqualTo(200);
    String token = refreshed.json().get("accessToken").asText();
    assertThat(api.call("GET", "/api/me", null, token).status()).isEqualTo(200);

    Api.Reply reuse = api.call("POST", "/api/auth/refresh", "{\"refreshToken\":\"" + first + "\"}", null);
    assertThat(reuse.status()).isEqualTo(401);

    assertThat(api.call("GET", "/api/me", null, token).status()).isEqualTo(401);
    assertThat(api.call("POST", "/api/rooms", ROOM, token).status()).isEqualTo(401);
  }
}
