package dev.cowatch.server.ops.http;

import dev.cowatch.server.ops.metrics.HttpMetrics;
import dev.cowatch.server.ops.trace.HttpTraces;
import dev.cowatch.server.platform.http.EdgeRequests;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * What a request answered in front of Javalin gets that Javalin's requests get from {@link RequestIds},
 * {@link HttpTraces} and {@link HttpMetrics}: its id in the answer, its span, its latency by route and status.
 */
public final class EdgeObservations implements EdgeRequests {
  private final RequestIds ids;
  /** Null when tracing is off. */
  private final HttpTraces traces;
  /** Null when metrics are off. */
  private final HttpMetrics metrics;

  public EdgeObservations(RequestIds ids, HttpTraces traces, HttpMetrics metrics) {
    this.ids = ids;
    this.traces = traces;
    this.metrics = metrics;
  }

  @Override
  public Open begin(Request request, Response response, String route) {
    long started = System.nanoTime();
    String method = request.getMethod();
    String id = ids.idFor(request.getHeaders().get(RequestIds.HEADER));
    response.getHeaders().put(RequestIds.HEADER, id);
    HttpTraces.EdgeSpan span = traces == null ? null
        : traces.beginEdge(method, request.getHttpURI().getPath(), route, id, request.getHeaders());
    return new Open() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public void end(int status, long bodyBytes) {
        if (metrics != null) metrics.recordEdge(method, route, status, System.nanoTime() - started, bodyBytes);
        if (span != null) span.end(status);
      }
    };
  }
}
