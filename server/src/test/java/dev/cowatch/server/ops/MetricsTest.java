package dev.cowatch.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cowatch.client.CowatchClient;
import dev.cowatch.core.room.Corrections;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.TestServer;
import dev.cowatch.core.room.UserId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} against the real server: a small room is played in, and every figure the room took
 * part in is read back from the Prometheus text with the value it must have.
 */
class MetricsTest {
  private static final HttpClient http = HttpClient.newHttpClient();
  /** One per test: counters start at zero. */
  private static TestServer ts;

  @BeforeEach
  void start() {
    ts = new TestServer();
  }

  @AfterEach
  void stop() {
    ts.close();
  }

  @Test
  void mediaStreams_answeredInFrontOfTheRoutes_areTimedByRoute_andTheirBytesCounted() throws Exception {
    UserId owner = new UserId("u-olga");
    var item = ts.server().media().library().importFile(owner, "Clip", "clip.mp4", "video/mp4",
        new java.io.ByteArrayInputStream(new byte[5_000]), 5_000);
    String url = ts.server().media().library().issueUrl(owner, item.id()).path();
    HttpResponse<Void> part = http.send(HttpRequest.newBuilder(ts.baseUri().resolve(url))
        .header("Range", "bytes=0-999").build(), HttpResponse.BodyHandlers.discarding());
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(http.send(HttpRequest.newBuilder(ts.baseUri().resolve(url)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
    assertThat(http.send(HttpRequest.newBuilder(ts.baseUri().resolve(url)).method("HEAD",
        HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);

    String route = "route=\"/api/media/{mediaId}/stream\"";
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      PrometheusText m = scrape();
      assertThat(m.require("http_server_requests_seconds_count{method=\"GET\"," + route + ",status=\"206\"}"))
          .isEqualTo(1.0);
      assertThat(m.require("http_server_requests_seconds_count{method=\"GET\"," + route + ",status=\"200\"}"))
          .isEqualTo(1.0);
      assertThat(m.require("http_server_requests_seconds_count{method=\"HEAD\"," + route + ",status=\"200\"}"))
          .isEqualTo(1.0);
      assertThat(m.require("cowatch_media_streamed_bytes_total")).as("a range and a whole file; HEAD has no body")
          .isEqualTo(6_000.0);
    });
  }

  @Test
  void aRoomInUse_showsInEveryFigureItTouched() throws Exception {
    RoomId room = ts.createRoom("https://example.org/film.mp4");
    CowatchClient ann = ts.joined(room, "Ann");
    CowatchClient bob = ts.joined(room, "Bob");
    assertThat(get("/api/rooms/" + room.value()).statusCode()).isEqualTo(200);

    ann.play();
    await().atMost(Duration.ofSeconds(5)).until(() -> bob.timeline() != null && bob.timeline().state() == dev.cowatch.core.room.PlaybackState.PLAYING);
    ann.report(12.0, 40.0, new Corrections(3, 0)); // within 20 ms, after three nudges
    bob.report(-30.0, 40.0); // between 20 and 40 ms: drift is counted by its size
    ann.report(600.0, 40.0, new Corrections(1, 2)); // past a seek's threshold

    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(scrape().require("cowatch_sync_drift_seconds_count")).isEqualTo(3.0));
    PrometheusText m = scrape();
    assertThat(m.require("cowatch_sync_drift_seconds_sum")).isCloseTo(0.642, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(m.require("cowatch_sync_drift_seconds_bucket{le=\"0.02\"}")).isEqualTo(1.0);
    assertThat(m.require("cowatch_sync_drift_seconds_bucket{le=\"0.04\"}")).isEqualTo(2.0);
    assertThat(m.require("cowatch_sync_drift_seconds_bucket{le=\"0.5\"}")).isEqualTo(2.0);
    assertThat(m.require("cowatch_sync_drift_seconds_bucket{le=\"1.0\"}")).isEqualTo(3.0);
    assertThat(m.require("cowatch_sync_corrections_total{kind=\"nudge\"}")).as("the reports' nudges, added up").isEqualTo(4.0);
    assertThat(m.require("cowatch_sync_corrections_total{kind=\"seek\"}")).isEqualTo(2.0);

    assertThat(m.require("cowatch_rooms_live")).isEqualTo(1.0);
    assertThat(m.require("cowatch_members_connected{client=\"java\"}")).isEqualTo(2.0);
    assertThat(m.require("cowatch_members_connected{client=\"web\"}")).isEqualTo(0.0);
    assertThat(m.require("cowatch_websocket_opens_total{client=\"java\"}")).isEqualTo(2.0);
    assertThat(m.require("cowatch_intents_seconds_count{kind=\"play\",outcome=\"applied\"}")).isEqualTo(1.0);
    assertThat(m.require("cowatch_intents_seconds_sum{kind=\"play\",outcome=\"applied\"}")).isPositive();
    assertThat(m.require("cowatch_fanout_seconds_count{kind=\"timeline\"}"))
        .as("the play's timeline, one broadcast to the room").isGreaterThanOrEqualTo(1.0);
    assertThat(m.require("cowatch_fanout_seconds_bucket{kind=\"timeline\",le=\"+Inf\"}"))
        .isEqualTo(m.require("cowatch_fanout_seconds_count{kind=\"timeline\"}"));
    assertThat(m.require("http_server_requests_seconds_count{method=\"GET\",route=\"/api/rooms/{roomId}\",status=\"200\"}"))
        .isEqualTo(1.0);
    assertThat(m.require("cowatch_db_connections_open")).isPositive();
    assertThat(m.require("cowatch_mail_outbox_unsent")).isEqualTo(0.0);
    assertThat(m.require("cowatch_joins_waiting")).as("both joins answered").isEqualTo(0.0);
    assertThat(m.require("cowatch_outbox_refused_total")).isEqualTo(0.0);

    bob.close(); // client-java says bye and drops the socket without waiting for the close handshake
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      PrometheusText after = scrape();
      assertThat(after.series().entrySet().stream().filter(e -> e.getKey().startsWith("cowatch_websocket_closes_total"))
          .mapToDouble(java.util.Map.Entry::getValue).sum()).isEqualTo(1.0);
      assertThat(after.require("cowatch_members_connected{client=\"java\"}")).isEqualTo(1.0);
    });
  }

  @Test
  void aServerSideClose_countsUnderTheCodeTheServerChose() throws Exception {
    java.util.concurrent.CompletableFuture<Integer> closedWith = new java.util.concurrent.CompletableFuture<>();
    http.newWebSocketBuilder().buildAsync(URI.create(ts.wsUri("nosuchroom").toString()), new java.net.http.WebSocket.Listener() {
      @Override
      public java.util.concurrent.CompletionStage<?> onClose(java.net.http.WebSocket ws, int code, String reason) {
        closedWith.complete(code);
        return null;
      }
    }).get(5, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(closedWith.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(4404);
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
        scrape().require("cowatch_websocket_closes_total{code=\"4404\"}")).isEqualTo(1.0));
  }

  @Test
  void anIntentFromAFutureVersion_countsAsRefused() throws Exception {
    RoomId room = ts.createRoom("https://example.org/other.mp4");
    CowatchClient cy = ts.joined(room, "Cy");
    cy.sendRaw("{\"type\":\"seek\",\"version\":999,\"positionMs\":1000}"); // from the future: refused
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
        scrape().value("cowatch_intents_seconds_count{kind=\"seek\",outcome=\"refused\"}")).hasValue(1.0));
  }

  @Test
  void theJvmAndProcess_areMeasuredToo() {
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      PrometheusText m = scrape();
      assertThat(m.series().keySet()).anyMatch(s -> s.startsWith("jvm_memory_used_bytes{"));
      assertThat(m.require("process_uptime_seconds")).isPositive();
      assertThat(m.series().keySet()).anyMatch(s -> s.startsWith("jvm_threads_live_threads"));
    });
  }

  @Test
  void withAToken_metricsAnswerOnlyItsBearer() throws Exception {
    try (TestServer guarded = new TestServer(TestServer.tempDir(),
        c -> c.ops(new OpsConfig(true, "metrics-secret-1")), Clock.systemUTC())) {
      URI uri = guarded.baseUri().resolve("/metrics");
      HttpResponse<String> none = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer nope").build(),
          HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> right = http.send(HttpRequest.newBuilder(uri)
          .header("Authorization", "Bearer metrics-secret-1").build(), HttpResponse.BodyHandlers.ofString());

      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(right.statusCode()).isEqualTo(200);
      assertThat(right.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
      assertThat(PrometheusText.parse(right.body()).require("cowatch_rooms_live")).isEqualTo(0.0);
    }
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(ts.baseUri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static PrometheusText scrape() throws Exception {
    HttpResponse<String> res = get("/metrics");
    assertThat(res.statusCode()).isEqualTo(200);
    return PrometheusText.parse(res.body());
  }
}
