package dev.cowatch.server.ops.trace;

import dev.cowatch.server.platform.trace.Span;
import dev.cowatch.server.platform.trace.Tracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The {@link Tracing} port in OpenTelemetry, exported by OTLP over HTTP/protobuf (docs/operations.md,
 * "Traces"). Made only when an endpoint is configured: with tracing off no SDK object exists at all.
 *
 * <p>Spans wait in a bounded queue and leave in batches from the SDK's own thread, so a collector that is
 * slow or down costs the hot path a queue offer, never a wait; past the queue's bound spans are dropped
 * (the SDK counts them) rather than held.
 */
public final class OtelTracing implements Tracing, AutoCloseable {
  static final AttributeKey<String> ROOM = AttributeKey.stringKey("cowatch.room.id");
  static final AttributeKey<String> INTENT_KIND = AttributeKey.stringKey("cowatch.intent.kind");
  /** Spans waiting for export; beyond it new ones are dropped (about 1 MiB of spans). */
  static final int QUEUE = 4096;
  static final int BATCH = 512;
  /** How long a span may wait for its batch: seen in the collector within about a second. */
  static final Duration BATCH_DELAY = Duration.ofSeconds(1);
  static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(10);
  /** What a stopping server waits for its last spans to leave. */
  static final Duration FLUSH_ON_CLOSE = Duration.ofSeconds(5);

  private final SdkTracerProvider provider;
  private final Tracer tracer;

  private OtelTracing(SdkTracerProvider provider, String version) {
    this.provider = provider;
    this.tracer = provider.get("dev.cowatch.server", version);
  }

  /**
   * Exports to {@code endpoint} (see {@link OtlpEndpoint}); {@code instance} names this node among
   * others ({@code service.instance.id}), {@code version} the build.
   */
  public static OtelTracing exportingTo(OtlpEndpoint endpoint, String instance, String version) {
    OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
        .setEndpoint(endpoint.tracesUrl())
        .setTimeout(EXPORT_TIMEOUT)
        .build();
    Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
        AttributeKey.stringKey("service.name"), "cowatch",
        AttributeKey.stringKey("service.version"), version,
        AttributeKey.stringKey("service.instance.id"), instance)));
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .setResource(resource)
        .addSpanProcessor(BatchSpanProcessor.builder(exporter)
            .setMaxQueueSize(QUEUE)
            .setMaxExportBatchSize(BATCH)
            .setScheduleDelay(BATCH_DELAY)
            .setExporterTimeout(EXPORT_TIMEOUT)
            .build())
        .build();
    return new OtelTracing(provider, version);
  }

  @Override
  public Span intentReceived(String roomId, String kind) {
    io.opentelemetry.api.trace.Span span = tracer.spanBuilder("intent " + kind)
        .setNoParent()
        .setSpanKind(SpanKind.SERVER)
        .setAttribute(ROOM, roomId)
        .setAttribute(INTENT_KIND, kind)
        .startSpan();
    return new Current(span);
  }

  @Override
  public Span step(String name, String roomId) {
    Context parent = Context.current();
    if (!io.opentelemetry.api.trace.Span.fromContext(parent).getSpanContext().isValid()) return Span.NONE;
    return new Current(tracer.spanBuilder(name).setParent(parent).setAttribute(ROOM, roomId).startSpan());
  }

  /** The tracer HTTP requests' spans come from ({@link HttpTraces}). */
  Tracer tracer() {
    return tracer;
  }

  /** Sends what is queued (up to {@link #FLUSH_ON_CLOSE}) and stops. */
  @Override
  public void close() {
    provider.shutdown().join(FLUSH_ON_CLOSE.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** An OpenTelemetry span made current on this thread until closed. */
  static final class Current implements Span {
    private final io.opentelemetry.api.trace.Span span;
    private final Scope scope;
    private final Thread thread = Thread.currentThread();

    Current(io.opentelemetry.api.trace.Span span) {
      this(span, true);
    }

    /** {@code current}: the span is current on this thread until closed; not for an answer ended elsewhere. */
    Current(io.opentelemetry.api.trace.Span span, boolean current) {
      this.span = span;
      this.scope = current ? span.makeCurrent() : null;
    }

    /** The OpenTelemetry span itself, for what the port does not say (an HTTP answer's route and status). */
    io.opentelemetry.api.trace.Span otel() {
      return span;
    }

    @Override
    public Span attribute(String key, String value) {
      span.setAttribute(key, value);
      return this;
    }

    @Override
    public void failed(String reason) {
      span.setStatus(StatusCode.ERROR, reason);
    }

    @Override
    public void close() {
      // A scope belongs to the thread that opened it; ended elsewhere (an async answer), only the span ends.
      if (scope != null && Thread.currentThread() == thread) scope.close();
      span.end();
    }
  }
}
