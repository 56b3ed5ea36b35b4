package dev.cowatch.server.media;

/** A media request the library turns down; the HTTP layer maps the kind to a status. */
public final class MediaRefusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public enum Kind { NOT_FOUND, FORBIDDEN, INVALID, TOO_LARGE, NOT_READY }

  private final Kind kind;
  private final String type;

  public MediaRefusal(Kind kind, String type, String message) {
    super(message, null, false, false);
    this.kind = kind;
    this.type = type;
  }

  public Kind kind() {
    return kind;
  }

  /** The problem type's slug, e.g. {@code media-not-found}. */
  public String type() {
    return type;
  }

  static MediaRefusal notFound(String id) {
    return new MediaRefusal(Kind.NOT_FOUND, "media-not-found", "no media '" + id + "'");
  }
}
