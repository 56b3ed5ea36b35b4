package dev.cowatch.server.platform.http;

import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.platform.jdbc.DatabaseFaults;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one table from what a request ends with to its problem+json answer, for Javalin's routes
 * ({@code CowatchServer#mapErrors}) and the handlers in front of them ({@link EdgeProblems}) alike: a
 * refusal as itself, a database outage as 503 with Retry-After (no stack trace: an outage, not a bug),
 * anything else as 500, logged.
 */
public final class FailureAnswers {
  private static final Logger log = LoggerFactory.getLogger(FailureAnswers.class);

  private FailureAnswers() {}

  /** Status, headers and body of one answer. */
  public record Answer(int status, Map<String, String> headers, String body) {}

  /** What {@code failure} of {@code method path} is answered with; logs what an operator must see. */
  public static Answer of(Exception failure, String method, String path) {
    if (failure instanceof Refusal r) {
      Map<String, String> headers = new LinkedHashMap<>();
      if (r.retryAfter() != null) {
        headers.put("Retry-After", Long.toString(Math.max(1, (r.retryAfter().toMillis() + 999) / 1000)));
      }
      headers.putAll(r.headers());
      return new Answer(r.status(), headers, Problem.json(r.status(), r.type(), r.title(), r.getMessage(), path,
          r.extensions()));
    }
    if (DatabaseFaults.isUnavailable(failure)) {
      log.warn("database unavailable for {} {}: {}", method, SecretPaths.redact(path), failure.getMessage());
      return new Answer(503, Map.of("Retry-After", "5"), Problem.json(503, "database-unavailable",
          "Database unavailable", "try again in a few seconds", path, Map.of()));
    }
    log.error("request failed {} {}", method, SecretPaths.redact(path), failure);
    return new Answer(500, Map.of(), Problem.json(500, "internal", "Internal error", null, path, Map.of()));
  }
}
