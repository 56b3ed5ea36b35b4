package dev.cowatch.server.platform;

import java.time.Duration;
import java.util.Map;

/**
 * A request turned down: the one shape every refusal takes, whether a service decides it (a room that
 * does not exist, a quota) or the HTTP edge does while reading the request (a malformed body, a missing
 * token). The composition root answers it as problem+json in one place: {@link #status}, {@link #title},
 * {@link #type} (the problem's stable slug), the message as its detail, plus {@link #retryAfter} as
 * Retry-After, {@link #headers} and extension members ({@link #extensions}, e.g. field errors).
 * Thrown inside a store transaction it also rolls the transaction back.
 */
public final class Refusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The statuses services refuse with, each with its title: shorthand for the common cases. */
  public enum Kind {
    BAD_REQUEST(400, "Bad request"),
    NOT_FOUND(404, "Not found"),
    GONE(410, "No longer valid"),
    FORBIDDEN(403, "Not allowed"),
    INVALID(422, "Invalid request"),
    CONFLICT(409, "Conflict"),
    NOT_READY(409, "Not ready"),
    TOO_LARGE(413, "Too large"),
    /** A rate limit; {@link #retryAfter} says when to try again. */
    TOO_MANY(429, "Too many requests"),
    /** tus's checksum extension's status for a file that is not the one declared. */
    CHECKSUM_MISMATCH(460, "Checksum mismatch"),
    CAPACITY(503, "No capacity"),
    INSUFFICIENT_STORAGE(507, "Insufficient storage");

    private final int status;
    private final String title;

    Kind(int status, String title) {
      this.status = status;
      this.title = title;
    }

    public int status() {
      return status;
    }

    public String title() {
      return title;
    }
  }

  private final int status;
  private final String type;
  private final String title;
  private final transient Duration retryAfter;
  private final transient Map<String, String> headers;
  private final transient Map<String, ?> extensions;

  public Refusal(Kind kind, String type, String message) {
    this(kind, type, message, null);
  }

  public Refusal(Kind kind, String type, String message, Duration retryAfter) {
    this(kind.status(), type, kind.title(), message, retryAfter, Map.of(), Map.of());
  }

  /** A refusal whose title is its own (the HTTP edge's: "Malformed request body", "Unauthorized"). */
  public Refusal(int status, String type, String title, String detail) {
    this(status, type, title, detail, null, Map.of(), Map.of());
  }

  public Refusal(int status, String type, String title, String detail, Map<String, String> headers) {
    this(status, type, title, detail, null, headers, Map.of());
  }

  public Refusal(int status, String type, String title, String detail, Duration retryAfter,
      Map<String, String> headers, Map<String, ?> extensions) {
    super(detail, null, false, false); // an expected outcome: no stack trace to fill
    this.status = status;
    this.type = type;
    this.title = title;
    this.retryAfter = retryAfter;
    this.headers = Map.copyOf(headers);
    this.extensions = Map.copyOf(extensions);
  }

  public int status() {
    return status;
  }

  /** The problem type's slug, e.g. {@code room-not-found}. */
  public String type() {
    return type;
  }

  public String title() {
    return title;
  }

  /** How long the client should wait (a 429's Retry-After), or null. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** Headers the answer carries besides Retry-After (WWW-Authenticate, Tus-Version). */
  public Map<String, String> headers() {
    return headers;
  }

  /** Extension members of the problem body. */
  public Map<String, ?> extensions() {
    return extensions;
  }
}
