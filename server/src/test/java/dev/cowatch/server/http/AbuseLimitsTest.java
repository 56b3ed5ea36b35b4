package dev.cowatch.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowatch.core.FakeClock;
import dev.cowatch.core.Tolerances;
import dev.cowatch.server.RawSocket;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.Timings;
import dev.cowatch.server.platform.Limits;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-address and slow-client limits, against the real server over loopback sockets. */
class AbuseLimitsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static TestServer server(Limits limits, Clock clock) {
    return new TestServer(TestServer.tempDir(), c -> c.tolerances(Tolerances.DEFAULTS).limits(limits), clock);
  }

  private static JsonNode json(String body) throws IOException {
    return JSON.readTree(body);
  }

  @Test
  void connectionPastTheAddressLimit_isAnswered429ProblemWithRetryAfter_andClosed() throws Exception {
    try (TestServer ts = server(Limits.DEFAULTS.withPerAddress(3, 60), Clock.systemUTC())) {
      List<LoopbackHttp> held = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        LoopbackHttp c = new LoopbackHttp(ts.server().port());
        held.add(c);
        assertThat(c.get("/api/health").status()).isEqualTo(200);
      }
      try (LoopbackHttp fourth = new LoopbackHttp(ts.server().port())) {
        LoopbackHttp.Reply refused = fourth.get("/api/health");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(json(refused.body()).path("type").asText()).endsWith("/too-many-connections");
        assertThat(json(refused.body()).path("detail").asText()).contains("3 connections");
        assertThat(fourth.closedByServer()).isTrue();
      }
      // Any route can meet this limit, so every operation of the contract names it.
      JsonNode paths = OpenApiContract.document(ts.baseUri()).path("paths");
      paths.properties().forEach(path -> path.getValue().properties().forEach(op -> assertThat(
          OpenApiContract.problemTypes(op.getValue().path("responses").path("429")))
          .as(op.getKey() + " " + path.getKey()).anyMatch(t -> t.endsWith("/too-many-connections"))));
      // The three held still work, and once one closes a newcomer gets in.
      assertThat(held.get(0).get("/api/health").status()).isEqualTo(200);
      held.remove(0).close();
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
        try (LoopbackHttp again = new LoopbackHttp(ts.server().port())) {
          return again.get("/api/health").status() == 200;
        }
      });
      for (LoopbackHttp c : held) c.close();
    }
  }

  @Test
  void webSocketsCountAgainstTheAddressLimit_andAnUpgradePastItIsRefused429() throws Exception {
    try (TestServer ts = server(Limits.DEFAULTS.withPerAddress(2, 60), Clock.systemUTC())) {
      var room = ts.createRoom("https://media.example.org/a.mp4");
      try (RawSocket first = RawSocket.open(ts.wsUri(room.value()));
          RawSocket second = RawSocket.open(ts.wsUri(room.value()));
          LoopbackHttp third = new LoopbackHttp(ts.server().port())) {
        third.send("GET /ws/rooms/" + room.value() + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        LoopbackHttp.Reply refused = third.read();

        assertThat(refused.status()).isEqualTo(429);
        assertThat(json(refused.body()).path("type").asText()).endsWith("/too-many-connections");
        assertThat(first.isClosed()).isFalse();
        assertThat(second.isClosed()).isFalse();
      }
    }
  }

  @Test
  void roomCreationsPastTheAddressLimit_are429WithRetryAfter_untilTheWindowMoves() throws Exception {
    FakeClock clock = FakeClock.atFixedStart();
    try (TestServer ts = server(Limits.DEFAULTS.withPerAddress(1_000, 2), clock)) {
      Api api = new Api(ts.baseUri());
      String token = api.guest();
      assertThat(api.createRoom(token).statusCode()).isEqualTo(201);
      clock.advance(Duration.ofMinutes(5));
      assertThat(api.createRoom(token).statusCode()).isEqualTo(201);

      var refused = api.createRoom(token);

      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
      assertThat(json(refused.body()).path("type").asText()).endsWith("/too-many-rooms-created");
      // The first creation leaves the 15-minute window 10 minutes from now.
      assertThat(refused.headers().firstValue("Retry-After")).contains("600");
      OpenApiContract.assertDeclares(ts.baseUri(), "POST", "/api/rooms", 429, "too-many-rooms-created");

      clock.advance(Duration.ofMinutes(10));
      assertThat(api.createRoom(api.guest()).statusCode()).isEqualTo(201);
    }
  }

  @Test
  void signUpsPastTheAddressLimit_are429WithRetryAfter() throws Exception {
    FakeClock clock = FakeClock.atFixedStart();
    try (TestServer ts = new TestServer(TestServer.tempDir(), c -> c.accounts(a -> a.withLimits(
        new dev.cowatch.server.account.SignInLimits(5, 20, Duration.ofMinutes(15), 1_000, 5, 2))), clock)) {
      Api api = new Api(ts.baseUri());
      api.guest();
      api.guest();

      var refused = api.post("/api/auth/guest", "{\"displayName\":\"Third\"}", null);

      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(json(refused.body()).path("type").asText()).endsWith("/too-many-attempts");
      assertThat(refused.headers().firstValue("Retry-After")).contains("900");
      OpenApiContract.assertDeclares(ts.baseUri(), "POST", "/api/auth/guest", 429, "too-many-attempts");
      var register = api.post("/api/auth/register", "{\"email\":\"third@example.test\",\"password\":"
          + "\"correct horse battery\",\"displayName\":\"Third\"}", null);
      assertThat(register.statusCode()).as("sign-ups share the address's limit").isEqualTo(429);
      OpenApiContract.assertDeclares(ts.baseUri(), "POST", "/api/auth/register", 429, "too-many-attempts");
    }
  }

  @Test
  void requestHeadersThatTrickle_areCutOffSoonAfterTheHelloTimeout() throws Exception {
    long timeoutMs = 600;
    try (TestServer ts = server(Timings.helloTimeout(timeoutMs).withPerAddress(100, 60), Clock.systemUTC());
        LoopbackHttp slow = new LoopbackHttp(ts.server().port())) {
      long start = System.nanoTime();
      slow.send("GET /api/health HTTP/1.1\r\nHost: localhost\r\n");
      boolean cut = false;
      // One header byte every 100 ms: each resets Jetty's idle timeout, so only the header deadline ends it.
      for (int i = 0; i < 100 && !cut; i++) {
        Thread.sleep(100);
        try {
          slow.send("X");
        } catch (IOException closed) {
          cut = true;
        }
      }
      long tookMs = (System.nanoTime() - start) / 1_000_000;

      assertThat(cut).isTrue();
      assertThat(tookMs).isBetween(timeoutMs, timeoutMs + 3_000);
    }
  }

  @Test
  void connectionThatNeverSendsARequest_isClosedAfterTheHelloTimeout_whileAPromptOneIsServed() throws Exception {
    long timeoutMs = 600;
    try (TestServer ts = server(Timings.helloTimeout(timeoutMs).withPerAddress(100, 60), Clock.systemUTC());
        LoopbackHttp silent = new LoopbackHttp(ts.server().port());
        LoopbackHttp prompt = new LoopbackHttp(ts.server().port())) {
      long start = System.nanoTime();
      assertThat(prompt.get("/api/health").status()).isEqualTo(200);

      assertThat(silent.closedByServer()).isTrue();
      assertThat((System.nanoTime() - start) / 1_000_000).isBetween(timeoutMs, timeoutMs + 3_000);
      // Between requests a kept-alive connection is governed by the idle timeout, not this one.
      assertThat(prompt.get("/api/health").status()).isEqualTo(200);
    }
  }

  @Test
  void headersPastEightKib_areAnswered431Problem() throws Exception {
    try (TestServer ts = server(Limits.DEFAULTS.withPerAddress(100, 60), Clock.systemUTC());
        LoopbackHttp c = new LoopbackHttp(ts.server().port())) {
      c.send("GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(9 * 1024) + "\r\n\r\n");
      LoopbackHttp.Reply reply = c.read();

      assertThat(reply.status()).isEqualTo(431);
      assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
      assertThat(json(reply.body()).path("type").asText()).endsWith("/headers-too-large");
      assertThat(json(reply.body()).path("status").asInt()).isEqualTo(431);
    }
  }

  /** The few REST calls the rate tests make, from 127.0.0.1. */
  private record Api(java.net.URI base) {
    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    String guest() throws Exception {
      var reply = post("/api/auth/guest", "{\"displayName\":\"Guest\"}", null);
      assertThat(reply.statusCode()).isEqualTo(201);
      return json(reply.body()).path("accessToken").asText();
    }

    java.net.http.HttpResponse<String> createRoom(String token) throws Exception {
      return post("/api/rooms", "{\"name\":\"Movie night\"}", token);
    }

    java.net.http.HttpResponse<String> post(String path, String body, String token) throws Exception {
      var r = java.net.http.HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
      if (token != null) r.header("Authorization", "Bearer " + token);
      return HTTP.send(r.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }
  }
}
