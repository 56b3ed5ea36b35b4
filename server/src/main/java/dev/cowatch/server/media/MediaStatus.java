package dev.cowatch.server.media;

import java.util.Locale;

/** Where a media item is in its life: bytes arriving, being inspected, playable, or given up on. */
public enum MediaStatus {
  UPLOADING,
  PROCESSING,
  READY,
  FAILED;

  /** The name on the wire: {@code uploading}, {@code processing}, {@code ready}, {@code failed}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
