package dev.cowatch.server.ops.trace;

import dev.cowatch.server.ops.http.RequestIds;
import dev.cowatch.server.ops.metrics.HttpMetrics;
import dev.cowatch.server.platform.http.SecretPaths;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;

/**
 * A span for every HTTP request, named by its route template ({@code GET /api/rooms/{roomId}}, never the
 * path, so names stay few) and current while it is answered, so that what the request makes a room do
 * (a settings change decided, stored, broadcast) hangs below it. A proxy's W3C {@code traceparent} makes
 * the request part of the proxy's trace. Only the path is recorded, never the query (signed media URLs
 * carry their signature there), and with its credentials hidden ({@link SecretPaths}: invite tokens).
 */
public final class HttpTraces {
  static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
  static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
  static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("cowatch.request.id");
  private static final String OPEN = HttpTraces.class.getName();

  private static final TextMapGetter<Context> HEADERS = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Context ctx) {
      return List.copyOf(ctx.headerMap().keySet());
    }

    @Override
    public String get(Context ctx, String key) {
      return ctx == null ? null : ctx.header(key);
    }
  };

  private static final TextMapGetter<HttpFields> FIELDS = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(HttpFields fields) {
      return List.copyOf(fields.getFieldNamesCollection());
    }

    @Override
    public String get(HttpFields fields, String key) {
      return fields == null ? null : fields.get(key);
    }
  };

  private final OtelTracing tracing;

  public HttpTraces(OtelTracing tracing) {
    this.tracing = tracing;
  }

  /** After {@link RequestIds}, so that the request's id is known when its span starts. */
  public void register(RoutesConfig routes) {
    routes.before(this::begin);
    routes.after(this::end);
  }

  void begin(Context ctx) {
    io.opentelemetry.context.Context parent = W3CTraceContextPropagator.getInstance()
        .extract(io.opentelemetry.context.Context.root(), ctx, HEADERS);
    String method = ctx.method().name();
    io.opentelemetry.api.trace.Span span = tracing.tracer().spanBuilder(method)
        .setParent(parent)
        .setSpanKind(SpanKind.SERVER)
        .setAttribute(METHOD, method)
        .setAttribute(PATH, SecretPaths.redact(ctx.path()))
        .startSpan();
    String id = ctx.res().getHeader(RequestIds.HEADER);
    if (id != null) span.setAttribute(REQUEST_ID, id);
    ctx.attribute(OPEN, new OtelTracing.Current(span));
  }

  /** The span of a request answered in front of Javalin, ended once its answer is written. */
  public interface EdgeSpan {
    void end(int status);
  }

  /** A request answered in front of Javalin (a media stream), under its route template. */
  public EdgeSpan beginEdge(String method, String path, String route, String requestId, HttpFields headers) {
    io.opentelemetry.context.Context parent = W3CTraceContextPropagator.getInstance()
        .extract(io.opentelemetry.context.Context.root(), headers, FIELDS);
    io.opentelemetry.api.trace.Span span = tracing.tracer().spanBuilder(method)
        .setParent(parent)
        .setSpanKind(SpanKind.SERVER)
        .setAttribute(METHOD, method)
        .setAttribute(PATH, SecretPaths.redact(path))
        .setAttribute(REQUEST_ID, requestId)
        .startSpan();
    // Not current: the handler returns before the answer is written, on whatever thread writes its end.
    OtelTracing.Current open = new OtelTracing.Current(span, false);
    return status -> finish(open, method, route, status);
  }

  void end(Context ctx) {
    OtelTracing.Current open = ctx.attribute(OPEN);
    if (open == null) return;
    finish(open, ctx.method().name(), HttpMetrics.route(ctx), ctx.statusCode());
  }

  private static void finish(OtelTracing.Current open, String method, String route, int status) {
    open.otel().updateName(method + " " + route);
    open.otel().setAttribute(ROUTE, route);
    open.otel().setAttribute(STATUS, (long) status);
    // Server errors only: a 4xx is the client's mistake, answered as designed (OpenTelemetry's HTTP rule).
    if (status >= 500) open.otel().setStatus(StatusCode.ERROR);
    open.close();
  }
}
