package dev.cowatch.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.FakeClock;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.account.AccountConfig;
import dev.cowatch.server.account.PasswordHasher;
import dev.cowatch.server.platform.http.TrustedProxies;
import dev.cowatch.server.room.access.PasswordGuesses;
import dev.cowatch.server.syncplay.SyncplayConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Finding 5 of issue 51: a room's password could be guessed without limit, over REST and over Syncplay's
 * {@code code:password}. Now each client address, identity and room has a number of tries
 * ({@link PasswordGuesses}); past it, 429 with Retry-After (Syncplay: its Error line), and a right
 * password from elsewhere still gets in. The server trusts 127.0.0.1 as a proxy, so the REST cases speak
 * as different client addresses through X-Forwarded-For; Syncplay's are real loopback source addresses.
 */
class RoomPasswordGuessingTest {
  private static final String PASSWORD = "correct horse 8";
  private static final FakeClock CLOCK = FakeClock.atFixedStart();
  private static TestServer ts;
  private static HttpClient http;

  @BeforeAll
  static void start() {
    ts = new TestServer(TestServer.tempDir(), c -> c.trustedProxies(TrustedProxies.parse("127.0.0.1"))
        .syncplay(SyncplayConfig.on(0)), CLOCK);
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void stop() {
    if (ts != null) ts.close();
  }

  private record Reply(int status, String body, String retryAfter) {}

  private static Reply post(String path, String body, String token, String clientAddress) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(ts.baseUri().resolve(path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").header("X-Forwarded-For", clientAddress)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) b.header("Authorization", "Bearer " + token);
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body(), r.headers().firstValue("Retry-After").orElse(null));
  }

  private static String guest(String address) throws Exception {
    Reply r = post("/api/auth/guest", "{\"displayName\":\"Guesser\"}", null, address);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(r.body()).get("accessToken")
        .asText();
  }

  private static Reply tryPassword(RoomId room, String password, String token, String address) throws Exception {
    return post("/api/rooms/" + room + "/access", "{\"password\":\"" + password + "\"}", token, address);
  }

  private static RoomId passwordRoom() {
    return ts.server().rooms().management().create(TestServer.OWNER, RoomSettings.defaults("Film club", 5_000),
        PASSWORD, null, "192.0.2.1").id();
  }

  @Test
  void wrongPasswordsFromOneAddress_become429WithRetryAfter_whileAnotherAddressStillEnters() throws Exception {
    RoomId room = passwordRoom();
    String attacker = "203.0.113.7";
    // A fresh guest for every try, as a guesser would (guests are free): only the address ties them together.
    for (int i = 0; i < PasswordGuesses.PER_ADDRESS; i++) {
      assertThat(tryPassword(room, "guess-" + i, guest(attacker), attacker).status()).as("try " + i).isEqualTo(403);
    }

    Reply refused = tryPassword(room, "guess-x", guest(attacker), attacker);
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.body()).contains("too-many-password-guesses");
    assertThat(Long.parseLong(refused.retryAfter())).isBetween(1L, PasswordGuesses.WINDOW.toSeconds());
    assertThat(tryPassword(room, PASSWORD, guest(attacker), attacker).status())
        .as("the right password from the refused address is not even hashed").isEqualTo(429);

    assertThat(tryPassword(room, PASSWORD, guest("198.51.100.2"), "198.51.100.2").status())
        .as("another client address enters").isEqualTo(200);

    CLOCK.advance(PasswordGuesses.WINDOW);
    assertThat(tryPassword(room, PASSWORD, guest(attacker), attacker).status()).as("the window moved on")
        .isEqualTo(200);
  }

  @Test
  void oneIdentity_changingAddress_getsNoMoreTries() throws Exception {
    RoomId room = passwordRoom();
    String token = guest("203.0.113.20");
    for (int i = 0; i < PasswordGuesses.PER_IDENTITY; i++) {
      assertThat(tryPassword(room, "guess-" + i, token, "203.0.113." + (30 + i)).status()).isEqualTo(403);
    }

    Reply refused = tryPassword(room, PASSWORD, token, "203.0.113.99");
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.retryAfter()).isNotNull();
  }

  @Test
  void roomPasswordsShorterThanEight_areRefused400_butAnOldShortOneStillOpensItsRoom() throws Exception {
    String owner = guest("192.0.2.50");
    Reply created = post("/api/rooms", "{\"name\":\"Short\",\"password\":\"1234567\"}", owner, "192.0.2.50");
    assertThat(created.status()).isEqualTo(400);
    assertThat(created.body()).contains("invalid-room-password").contains("\"minLength\":8");
    Reply ok = post("/api/rooms", "{\"name\":\"Long\",\"password\":\"12345678\"}", owner, "192.0.2.50");
    assertThat(ok.status()).as(ok.body()).isEqualTo(201);
    String id = com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(ok.body()).get("id").asText();
    HttpResponse<String> changed = http.send(HttpRequest.newBuilder(URI.create(ts.baseUri() + "/api/rooms/" + id))
        .header("Authorization", "Bearer " + owner).header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"password\":\"abc\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(changed.statusCode()).isEqualTo(400);
    assertThat(changed.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");

    // A room given a four-character password before the minimum rose.
    String oldHash = new PasswordHasher(AccountConfig.fastForTests().hashing()).hash("pass");
    RoomId old = ts.server().rooms().service().create(RoomSettings.defaults("Old", 5_000)
        .withAccess(RoomSettings.defaults("Old", 5_000).visibility(), true, true), TestServer.OWNER, null, oldHash)
        .orElseThrow().id();
    assertThat(tryPassword(old, "pass", guest("192.0.2.51"), "192.0.2.51").status()).isEqualTo(200);
  }

  @Test
  void syncplayCodeColonPassword_isLimitedPerAddress_andAnotherAddressStillEnters() throws Exception {
    RoomId room = passwordRoom();
    InetAddress attacker = InetAddress.getByName("127.0.0.2");
    for (int i = 0; i < PasswordGuesses.PER_ADDRESS; i++) {
      assertThat(String.join("\n", syncplayHello(attacker, room + ":guess-" + i))).as("try " + i)
          .contains("not this room's password");
    }

    List<String> refused = syncplayHello(attacker, room + ":" + PASSWORD);
    assertThat(String.join("\n", refused)).startsWith("{\"Error\":").contains("too many tries")
        .containsPattern("try again in \\d+ s");

    List<String> other = syncplayHello(InetAddress.getByName("127.0.0.3"), room + ":" + PASSWORD);
    assertThat(other.getFirst()).as("another address enters").startsWith("{\"Hello\":");
  }

  /** A Syncplay Hello from {@code from}: the lines until the server closes, or its Hello answer. */
  private static List<String> syncplayHello(InetAddress from, String roomField) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), ts.server().syncplay().port(), from, 0)) {
      s.setSoTimeout(5_000);
      s.getOutputStream().write(("{\"Hello\": {\"username\": \"Bob\", \"room\": {\"name\": \"" + roomField
          + "\"}, \"version\": \"1.2.255\", \"realversion\": \"1.6.9\"}}\r\n").getBytes(StandardCharsets.UTF_8));
      s.getOutputStream().flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      List<String> lines = new ArrayList<>();
      for (String l; (l = in.readLine()) != null;) {
        lines.add(l);
        if (l.startsWith("{\"Hello\":")) break;
      }
      return lines;
    }
  }
}
