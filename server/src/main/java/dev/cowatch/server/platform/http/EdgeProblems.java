package dev.cowatch.server.platform.http;

import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.platform.jdbc.DatabaseFaults;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root's error table ({@code CowatchServer#mapErrors}) for handlers in front of Javalin: a
 * refusal as its problem+json, a database outage as 503 with Retry-After, anything else as 500 and logged.
 */
public final class EdgeProblems {
  private static final Logger log = LoggerFactory.getLogger(EdgeProblems.class);

  private EdgeProblems() {}

  /** Answers {@code failure}; returns the status sent. */
  public static int send(Request request, Response response, Callback callback, Exception failure) {
    String path = request.getHttpURI().getPath();
    if (failure instanceof Refusal r) {
      if (r.retryAfter() != null) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, Math.max(1, (r.retryAfter().toMillis() + 999) / 1000));
      }
      r.headers().forEach(response.getHeaders()::put);
      return write(response, callback, r.status(), Problem.json(r.status(), r.type(), r.title(), r.getMessage(), path,
          r.extensions()));
    }
    if (DatabaseFaults.isUnavailable(failure)) {
      log.warn("database unavailable for {} {}: {}", request.getMethod(), path, failure.getMessage());
      response.getHeaders().put(HttpHeader.RETRY_AFTER, 5);
      return write(response, callback, 503, Problem.json(503, "database-unavailable", "Database unavailable",
          "try again in a few seconds", path, Map.of()));
    }
    log.error("request failed {} {}", request.getMethod(), path, failure);
    return write(response, callback, 500, Problem.json(500, "internal", "Internal error", null, path, Map.of()));
  }

  /** Any other status with its problem body (405, say). */
  public static int send(Request request, Response response, Callback callback, int status, String type,
      String title, String detail) {
    return write(response, callback, status, Problem.json(status, type, title, detail, request.getHttpURI().getPath(),
        Map.of()));
  }

  private static int write(Response response, Callback callback, int status, String body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
    Content.Sink.write(response, true, body, callback);
    return status;
  }
}
