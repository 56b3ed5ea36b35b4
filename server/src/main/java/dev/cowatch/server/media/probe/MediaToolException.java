package dev.cowatch.server.media.probe;

/** ffmpeg could not do what was asked; the message can be shown to the uploader (it names no server path). */
public final class MediaToolException extends Exception {
  private static final long serialVersionUID = 1L;

  public MediaToolException(String message) {
    super(message);
  }

  public MediaToolException(String message, Throwable cause) {
    super(message, cause);
  }
}
