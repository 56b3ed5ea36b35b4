package dev.cowatch.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.server.RawSocket;
import dev.cowatch.server.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every name follows one rule, whichever way it comes in: a character that lets a name pass for another
 * (a right-to-left override, zero-width space, byte-order mark, isolate) is refused over WebSocket as
 * over REST, in display names and room names alike.
 */
class OneNameRuleTest {
  private static TestServer server;
  private static Api api;
  private static String roomId;

  @BeforeAll
  static void start() {
    server = new TestServer();
    api = new Api(server);
    roomId = server.createRoom("film.mp4").value();
  }

  @AfterAll
  static void stop() {
    api.close();
    server.close();
  }

  private static String name(int codePoint) {
    return "Ann" + Character.toString(codePoint) + "Ben";
  }

  @ParameterizedTest(name = "U+{0}")
  @ValueSource(ints = {0x202E, 0x200B, 0xFEFF, 0x2066})
  void a_display_name_in_a_websocket_hello_is_refused(int codePoint) {
    try (RawSocket raw = RawSocket.open(server.wsUri(roomId))) {
      raw.send("{\"type\":\"hello\",\"protocol\":1,\"name\":\"" + name(codePoint) + "\"}");

      raw.awaitError("invalid_argument");
    }
  }

  @ParameterizedTest(name = "U+{0}")
  @ValueSource(ints = {0x202E, 0x200B, 0xFEFF, 0x2066})
  void a_display_name_over_rest_is_refused(int codePoint) {
    Api.Reply r = api.call("POST", "/api/auth/guest", "{\"displayName\":\"" + name(codePoint) + "\"}", null);

    assertThat(r.status()).isEqualTo(422);
  }

  @ParameterizedTest(name = "U+{0}")
  @ValueSource(ints = {0x202E, 0x200B, 0xFEFF, 0x2066})
  void a_room_name_is_refused_at_creation_and_on_change(int codePoint) {
    Api.Who ann = api.guest("Ann");
    Api.Reply created = api.call("POST", "/api/rooms", "{\"name\":\"" + name(codePoint) + "\"}", ann.token());
    String id = api.call("POST", "/api/rooms", "{\"name\":\"Film\"}", ann.token()).json().get("id").asText();
    Api.Reply changed = api.call("PATCH", "/api/rooms/" + id, "{\"name\":\"" + name(codePoint) + "\"}", ann.token());

    assertThat(created.status()).isEqualTo(422);
    assertThat(changed.status()).isEqualTo(422);
    assertThat(api.call("GET", "/api/rooms/" + id, null, ann.token()).json().get("name").asText()).isEqualTo("Film");
  }
}
