package dev.cowatch.server.media;

import dev.cowatch.core.room.UserId;
import java.util.Objects;

/**
 * One file in someone's media library. What inspection finds out (container, codecs, duration,
 * dimensions, poster) is null until it has run.
 *
 * @param sha256 lower-case hex of the stored bytes; null while uploading
 * @param posterKey the poster's key in the {@link MediaStore}, null without one
 */
public record MediaItem(String id, UserId ownerId, String title, String fileName, long sizeBytes, String sha256,
    String contentType, String container, String videoCodec, String audioCodec, Long durationMs, Integer width,
    Integer height, MediaStatus status, String failureMessage, String posterKey, long createdAt, long updatedAt) {

  public static final int MAX_TITLE = 200;
  public static final int MAX_FILE_NAME = 255;

  public MediaItem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(ownerId, "ownerId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(status, "status");
    if (sizeBytes < 0) throw new IllegalArgumentException("size must not be negative");
  }

  /** A new item whose bytes are stored: ready to play, not yet inspected. */
  public static MediaItem ready(String id, UserId owner, String title, String fileName, long size, String sha256,
      String contentType, long nowMs) {
    return new MediaItem(id, owner, title, fileName, size, sha256, contentType, null, null, null, null, null, null,
        MediaStatus.READY, null, null, nowMs, nowMs);
  }

  /** How rooms refer to it: the timeline's media id {@code media:<id>} (web/src/player/source.ts). */
  public String roomMediaId() {
    return MediaRef.PREFIX + id;
  }

  public MediaItem withTitle(String newTitle, long nowMs) {
    return new MediaItem(id, ownerId, newTitle, fileName, sizeBytes, sha256, contentType, container, videoCodec,
        audioCodec, durationMs, width, height, status, failureMessage, posterKey, createdAt, nowMs);
  }

  public MediaItem withStatus(MediaStatus newStatus, String failure, long nowMs) {
    return new MediaItem(id, ownerId, title, fileName, sizeBytes, sha256, contentType, container, videoCodec,
        audioCodec, durationMs, width, height, newStatus, failure, posterKey, createdAt, nowMs);
  }

  /** With what inspection found. */
  public MediaItem withDetails(String newContainer, String newVideoCodec, String newAudioCodec, Long newDurationMs,
      Integer newWidth, Integer newHeight, String newPosterKey, long nowMs) {
    return new MediaItem(id, ownerId, title, fileName, sizeBytes, sha256, contentType, newContainer, newVideoCodec,
        newAudioCodec, newDurationMs, newWidth, newHeight, status, failureMessage, newPosterKey, createdAt, nowMs);
  }
}
