package dev.cowatch.server.ops.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cowatch.client.CowatchClient;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.ops.OpsConfig;
import dev.cowatch.server.platform.trace.Tracing;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Traces against the real server and the real OTLP exporter: an in-process receiver on loopback decodes
 * what the server sends (OTLP over HTTP/protobuf) and the test reads the spans' structure back.
 */
class TracesTest {
  private static final HttpClient http = HttpClient.newHttpClient();
  private OtlpReceiver receiver;
  private TestServer ts;

  @BeforeEach
  void start() throws Exception {
    receiver = new OtlpReceiver();
    ts = new TestServer(TestServer.tempDir(),
        c -> c.ops(OpsConfig.defaults().withTraces(OtlpEndpoint.parse(receiver.base()))), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    ts.close();
    receiver.close();
  }

  @Test
  void anIntent_isOneTrace_receivedThenDecidedStoredAndBroadcast() {
    RoomId room = ts.createRoom("https://example.org/film.mp4");
    CowatchClient ann = ts.joined(room, "Ann");
    CowatchClient bob = ts.joined(room, "Bob");

    ann.play();
    await().atMost(Duration.ofSeconds(5)).until(() -> bob.timeline() != null
        && bob.timeline().state() == PlaybackState.PLAYING);

    OtlpReceiver.Received received = await().atMost(Duration.ofSeconds(10))
        .until(() -> receiver.first(s -> s.name().equals("intent play")).orElse(null), s -> s != null);
    assertThat(received.parentId()).as("the root of its trace").isEmpty();
    assertThat(received.span().getKind()).isEqualTo(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER);
    assertThat(received.attributes()).containsEntry("cowatch.room.id", room.value())
        .containsEntry("cowatch.intent.kind", "play").containsEntry("cowatch.intent.outcome", "applied");
    assertThat(received.resource()).containsEntry("service.name", "cowatch").containsKey("service.instance.id");

    List<OtlpReceiver.Received> steps = await().atMost(Duration.ofSeconds(10)).until(
        () -> receiver.spans(s -> s.parentId().equals(received.spanId())), l -> l.size() >= 4);
    assertThat(steps).extracting(OtlpReceiver.Received::name)
        .containsExactly("room.load", "room.decide", "room.persist", "room.broadcast");
    for (OtlpReceiver.Received step : steps) {
      assertThat(step.traceId()).isEqualTo(received.traceId());
      assertThat(step.attributes()).containsEntry("cowatch.room.id", room.value());
      assertThat(step.span().getStartTimeUnixNano()).isGreaterThanOrEqualTo(received.span().getStartTimeUnixNano());
      assertThat(step.span().getEndTimeUnixNano()).isLessThanOrEqualTo(received.span().getEndTimeUnixNano());
    }
    // In order, one after another: read, decided, then stored, then sent.
    for (int i = 1; i < steps.size(); i++) {
      assertThat(steps.get(i - 1).span().getEndTimeUnixNano()).isLessThanOrEqualTo(steps.get(i).span().getStartTimeUnixNano());
    }
    // Storing is the live room's swap (the commit point), then the timeline's checkpoint in the database.
    OtlpReceiver.Received persist = steps.get(2);
    List<OtlpReceiver.Received> writes = await().atMost(Duration.ofSeconds(10)).until(
        () -> receiver.spans(s -> s.parentId().equals(persist.spanId())), l -> l.size() >= 2);
    assertThat(writes).extracting(OtlpReceiver.Received::name).containsExactly("room.store", "room.checkpoint");
    assertThat(writes.get(0).span().getEndTimeUnixNano()).isLessThanOrEqualTo(writes.get(1).span().getStartTimeUnixNano());
    assertThat(writes.get(1).span().getEndTimeUnixNano()).isLessThanOrEqualTo(persist.span().getEndTimeUnixNano());
    assertThat(receiver.contentTypes()).allMatch("application/x-protobuf"::equals);
  }

  @Test
  void aRefusedIntent_isTracedWithItsOutcome_andNothingStored() {
    RoomId room = ts.createRoom("https://example.org/film.mp4");
    CowatchClient cy = ts.joined(room, "Cy");
    cy.sendRaw("{\"type\":\"seek\",\"version\":999,\"positionMs\":1000}"); // from the future: refused

    OtlpReceiver.Received received = await().atMost(Duration.ofSeconds(10))
        .until(() -> receiver.first(s -> s.name().equals("intent seek")).orElse(null), s -> s != null);
    assertThat(received.attributes()).containsEntry("cowatch.intent.outcome", "refused");
    List<OtlpReceiver.Received> steps = await().atMost(Duration.ofSeconds(5)).until(
        () -> receiver.spans(s -> s.parentId().equals(received.spanId())), l -> l.size() >= 2);
    assertThat(steps).extracting(OtlpReceiver.Received::name).containsExactly("room.load", "room.decide");
    assertThat(steps.get(1).attributes()).containsEntry("cowatch.refused", "VERSION_FROM_FUTURE");
  }

  @Test
  void healthReports_andTimers_makeNoSpans() throws Exception {
    RoomId room = ts.createRoom("https://example.org/film.mp4");
    CowatchClient dee = ts.joined(room, "Dee");
    dee.report(5.0, 30.0);
    dee.report(7.0, 30.0);
    dee.play(); // a traced intent after them: once it is in, the reports would have been too
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.first(s -> s.name().equals("intent play")).isPresent());

    assertThat(receiver.spans(s -> s.parentId().isEmpty()))
        .as("only intents and HTTP requests start traces; a report's decision hangs below nothing")
        .allMatch(s -> s.name().startsWith("intent ") || s.name().startsWith("GET ") || s.name().startsWith("POST "));
  }

  @Test
  void anHttpRequest_isASpanNamedByItsRoute_inTheCallersTrace_withoutItsQuery() throws Exception {
    RoomId room = ts.createRoom("https://example.org/film.mp4");
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    String parentId = "00f067aa0ba902b7";
    HttpResponse<String> res = http.send(HttpRequest.newBuilder(
            ts.baseUri().resolve("/api/rooms/" + room.value() + "?sig=do-not-record-me"))
        .header("traceparent", "00-" + traceId + "-" + parentId + "-01").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).isEqualTo(200);

    OtlpReceiver.Received span = await().atMost(Duration.ofSeconds(10)).until(
        () -> receiver.first(s -> s.name().equals("GET /api/rooms/{roomId}")).orElse(null), s -> s != null);
    assertThat(span.traceId()).isEqualTo(traceId);
    assertThat(span.parentId()).isEqualTo(parentId);
    assertThat(span.attributes()).containsEntry("http.request.method", "GET")
        .containsEntry("http.route", "/api/rooms/{roomId}")
        .containsEntry("http.response.status_code", "200")
        .containsEntry("url.path", "/api/rooms/" + room.value())
        .containsEntry("cowatch.request.id", res.headers().firstValue("X-Request-Id").orElseThrow());
    assertThat(span.span().toString()).doesNotContain("do-not-record-me");
  }

  /** Whoever reads the trace store must not find a key to a room there. */
  @Test
  void anInvitesToken_isNotRecorded_inItsPath() throws Exception {
    String token = "Zk3q9sPx-invite-token-do-not-record";
    for (String path : List.of("/api/invites/" + token, "/i/" + token)) {
      http.send(HttpRequest.newBuilder(ts.baseUri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    OtlpReceiver.Received preview = await().atMost(Duration.ofSeconds(10)).until(
        () -> receiver.first(s -> s.name().equals("GET /api/invites/{token}")).orElse(null), s -> s != null);
    OtlpReceiver.Received page = await().atMost(Duration.ofSeconds(10)).until(
        () -> receiver.first(s -> s.name().equals("GET /i/{token}")).orElse(null), s -> s != null);
    assertThat(preview.attributes()).containsEntry("url.path", "/api/invites/{token}");
    assertThat(page.attributes()).containsEntry("url.path", "/i/{token}");
    assertThat(receiver.spans(s -> true)).extracting(s -> s.span().toString()).noneMatch(s -> s.contains(token));
  }

  @Test
  void anUnknownPath_isTracedAsUnmatched_andAServerWithoutAnEndpointTracesNothing() throws Exception {
    http.send(HttpRequest.newBuilder(ts.baseUri().resolve("/api/no/such/thing")).build(),
        HttpResponse.BodyHandlers.ofString());
    OtlpReceiver.Received span = await().atMost(Duration.ofSeconds(10)).until(
        () -> receiver.first(s -> s.name().equals("GET unmatched")).orElse(null), s -> s != null);
    assertThat(span.attributes()).containsEntry("http.response.status_code", "404");

    try (TestServer plain = new TestServer()) {
      assertThat(plain.server().ops().tracing()).isSameAs(Tracing.OFF);
    }
  }
}
