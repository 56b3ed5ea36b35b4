package dev.cowatch.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowatch.protocol.CloseCodes;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.server.RawSocket;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.Timings;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A room connection that joined with a session's token does not outlive the session: signing that
 * session out, signing out everywhere from another device, or reusing a refresh token closes it with
 * 4401 and takes the member out of the room; other sessions and other people stay (issue 19,
 * finding 5: before, the joined socket kept acting as the signed-out user).
 */
class SignOutClosesSocketsTest {
  private static final String ROOM = "{\"name\":\"Film\",\"mediaId\":\"https://example.org/film.mp4\"}";
  private static final Duration WITHIN = Duration.ofSeconds(2);
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

  private static JsonNode signInAgain(JsonNode account) {
    Api.Reply r = api.call("POST", "/api/auth/login", "{\"email\":\"" + account.get("user").get("email").asText()
        + "\",\"password\":\"correct horse battery\"}", null);
    assertThat(r.status()).isEqualTo(200);
    return r.json();
  }

  private static String publicRoom(String token) {
    Api.Reply r = api.call("POST", "/api/rooms", ROOM, token);
    assertThat(r.status()).isEqualTo(201);
    return r.json().get("id").asText();
  }

  private static RawSocket joined(String room, String name, JsonNode session) {
    RawSocket s = RawSocket.open(ts.wsUri(room));
    assertThat(s.helloWithToken(name, session.get("accessToken").asText())).as(name + " joined").isNotNull();
    return s;
  }

  private static void assertSignedOut(RawSocket s) {
    assertThat(s.awaitClose(WITHIN)).isEqualTo(CloseCodes.UNAUTHORIZED);
    assertThat(s.errors("unauthorized")).as("told why before the close").isNotEmpty();
  }

  @Test
  void signing_a_session_out_closes_its_room_connection_and_the_member_leaves() {
    JsonNode ann = register("ann");
    JsonNode bob = register("bob");
    String room = publicRoom(ann.get("accessToken").asText());
    try (RawSocket annSocket = joined(room, "Ann", ann); RawSocket bobSocket = joined(room, "Bob", bob)) {
      Api.Reply out = api.call("POST", "/api/auth/logout",
          "{\"refreshToken\":\"" + ann.get("refreshToken").asText() + "\"}", null);
      assertThat(out.status()).isEqualTo(204);

      assertSignedOut(annSocket);
      // Presence goes out at most once a second per room (protocol §13.1), hence the longer wait.
      Timings.within(RawSocket.WAIT).until(() -> bobSocket.messages(ServerMessage.Presence.class).stream()
          .anyMatch(p -> p.members().stream().noneMatch(m -> m.name().equals("Ann")))
          || bobSocket.messages(ServerMessage.PresenceChanges.class).stream().anyMatch(p -> !p.left().isEmpty()));
      assertThat(bobSocket.isClosed()).as("someone else's connection stays").isFalse();
    }
  }

  @Test
  void signing_out_one_session_leaves_the_same_accounts_other_session_connected() {
    JsonNode phone = register("ann");
    JsonNode laptop = signInAgain(phone);
    String room = publicRoom(phone.get("accessToken").asText());
    try (RawSocket onPhone = joined(room, "Ann", phone); RawSocket onLaptop = joined(room, "Ann", laptop)) {
      api.call("POST", "/api/auth/logout", "{\"refreshToken\":\"" + phone.get("refreshToken").asText() + "\"}", null);

      assertSignedOut(onPhone);
      onLaptop.send("{\"type\":\"ping\",\"t0\":1}");
      Timings.within(WITHIN).until(() -> !onLaptop.messages(ServerMessage.Pong.class).isEmpty());
      assertThat(onLaptop.isClosed()).isFalse();
    }
  }

  @Test
  void signing_out_everywhere_from_another_device_closes_every_connection_of_the_account() {
    JsonNode phone = register("ann");
    JsonNode laptop = signInAgain(phone);
    String room = publicRoom(phone.get("accessToken").asText());
    try (RawSocket onPhone = joined(room, "Ann", phone)) {
      Api.Reply all = api.call("POST", "/api/auth/logout-all", "", laptop.get("accessToken").asText());
      assertThat(all.status()).isEqualTo(204);

      assertSignedOut(onPhone);
    }
  }

  @Test
  void reusing_a_refresh_token_closes_the_connections_of_the_family_it_ended() {
    JsonNode ann = register("ann");
    String first = ann.get("refreshToken").asText();
    Api.Reply refreshed = api.call("POST", "/api/auth/refresh", "{\"refreshToken\":\"" + first + "\"}", null);
    String room = publicRoom(refreshed.json().get("accessToken").asText());
    try (RawSocket s = joined(room, "Ann", refreshed.json())) {
      assertThat(api.call("POST", "/api/auth/refresh", "{\"refreshToken\":\"" + first + "\"}", null).status())
          .isEqualTo(401);

      assertSignedOut(s);
    }
  }
}
