package dev.cowatch.server.ops.metrics;

import io.javalin.http.Context;
import io.javalin.http.RequestLogger;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Every HTTP request by method, route template ({@code /api/rooms/{roomId}}, never the path itself, so
 * ids do not become series) and status, with its latency; and, read off the same requests at the edge
 * so that media needs no hook of its own, uploads started, upload bytes received and media bytes
 * streamed. Room sockets are upgraded in front of Javalin and counted by the room metrics instead.
 */
public final class HttpMetrics implements RequestLogger {
  static final String UPLOADS = "/api/uploads";
  static final String UPLOAD = "/api/uploads/{mediaId}";
  static final String STREAM = "/api/media/{mediaId}/stream";

  private final MeterRegistry registry;
  private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();
  private final Counter uploadsStarted;
  private final Counter uploadBytes;
  private final Counter streamedBytes;

  public HttpMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.uploadsStarted = Counter.builder("cowatch.uploads.started")
        .description("Uploads created (tus POST answered 201)").register(registry);
    this.uploadBytes = Counter.builder("cowatch.upload.received").baseUnit("bytes")
        .description("Upload bytes accepted (tus PATCH bodies answered 204)").register(registry);
    this.streamedBytes = Counter.builder("cowatch.media.streamed").baseUnit("bytes")
        .description("Media bytes answered by the stream route (its 200 and 206 answers, written whole)")
        .register(registry);
  }

  @Override
  public void handle(Context ctx, Float executionMs) {
    String method = ctx.method().name();
    String route = route(ctx);
    int status = ctx.statusCode();
    record(method, route, status, Math.round(executionMs.doubleValue() * 1_000_000));
    media(method, route, status, ctx);
  }

  /**
   * A request answered in front of Javalin (a media stream, {@code EdgeRequests}): its latency is until its
   * whole answer was written, and {@code bodyBytes} what the answer carried.
   */
  public void recordEdge(String method, String route, int status, long nanos, long bodyBytes) {
    record(method, route, status, nanos);
    if (route.equals(STREAM) && bodyBytes > 0) streamedBytes.increment(bodyBytes);
  }

  private void record(String method, String route, int status, long nanos) {
    String key = method + ' ' + route + ' ' + status;
    timers.computeIfAbsent(key, k -> Timer.builder("http.server.requests")
            .description("HTTP requests by method, route template and status")
            .tag("method", method).tag("route", route).tag("status", Integer.toString(status))
            .serviceLevelObjectives(Buckets.HTTP)
            .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  private void media(String method, String route, int status, Context ctx) {
    if (route.equals(UPLOADS) && method.equals("POST") && status == 201) {
      uploadsStarted.increment();
    } else if (route.equals(UPLOAD) && method.equals("PATCH") && status == 204) {
      long length = ctx.req().getContentLengthLong();
      if (length > 0) uploadBytes.increment(length);
    }
  }

  /** The route template that answered; {@code static} for the web app's files, {@code unmatched} for none. */
  public static String route(Context ctx) {
    Endpoint endpoint;
    try {
      endpoint = ctx.endpoints().lastHttpEndpoint();
    } catch (RuntimeException none) {
      endpoint = null;
    }
    if (endpoint != null) return endpoint.path;
    return ctx.path().startsWith("/assets/") ? "static" : "unmatched";
  }
}
