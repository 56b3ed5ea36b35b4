package dev.cowatch.server.media.subtitle;

/** A subtitle file that cannot be used, with a message meant for the person who uploaded it. */
public final class SubtitleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SubtitleException(String message) {
    super(message, null, false, false);
  }
}
