package dev.cowatch.server;

/**
 * An application service turning a request down. The HTTP layer answers it as problem+json:
 * the kind gives the status and title, {@link #type} the problem's stable slug.
 */
public final class Refusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

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

  private final Kind kind;
  private final String type;
  private final java.time.Duration retryAfter;

  public Refusal(Kind kind, String type, String message) {
    this(kind, type, message, null);
  }

  public Refusal(Kind kind, String type, String message, java.time.Duration retryAfter) {
    super(message, null, false, false);
    this.kind = kind;
    this.type = type;
    this.retryAfter = retryAfter;
  }

  /** How long the client should wait (a 429's Retry-After), or null. */
  public java.time.Duration retryAfter() {
    return retryAfter;
  }

  public Kind kind() {
    return kind;
  }

  /** The problem type's slug, e.g. {@code room-not-found}. */
  public String type() {
    return type;
  }
}
