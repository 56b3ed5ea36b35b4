package dev.cowatch.server.media;

import dev.cowatch.core.room.UserId;
import java.util.List;
import java.util.Objects;

/**
 * One file in someone's media library. What inspection finds out (container, codecs, duration,
 * dimensions, poster) is null until it has run.
 *
 * @param sizeBytes the whole file's length (while uploading: the length the uploader declared)
 * @param sha256 lower-case hex of the stored bytes; null while uploading
 * @param posterKey the poster's key in the {@link MediaStore}, null without one
 * @param receivedBytes how much of the file has arrived: the upload's offset, {@code sizeBytes} once complete
 * @param upload what only an unfinished upload has; null once every byte arrived
 * @param warnings what the owner should know (not checked, converted ...); never null
 * @param playable the converted file browsers play instead of the original; null when the original plays
 */
public record MediaItem(String id, UserId ownerId, String title, String fileName, long sizeBytes, String sha256,
    String contentType, String container, String videoCodec, String audioCodec, Long durationMs, Integer width,
    Integer height, MediaStatus status, String failureMessage, String posterKey, long createdAt, long updatedAt,
    long receivedBytes, Upload upload, List<String> warnings, Derived playable) {

  public static final int MAX_TITLE = 200;
  public static final int MAX_FILE_NAME = 255;

  /**
   * @param expectedSha256 the whole file's SHA-256 as the uploader declared it (lower-case hex), null when not given
   * @param expiresAt when the unfinished upload is removed, epoch ms
   */
  public record Upload(String expectedSha256, long expiresAt) {}

  /** A file made from the original, e.g. {@code media/<id>/playable.mp4}. */
  public record Derived(String key, long sizeBytes, String sha256, String contentType) {
    public Derived {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(sha256, "sha256");
      Objects.requireNonNull(contentType, "contentType");
    }
  }

  public MediaItem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(ownerId, "ownerId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(status, "status");
    if (sizeBytes < 0) throw new IllegalArgumentException("size must not be negative");
    if (receivedBytes < 0 || receivedBytes > sizeBytes) {
      throw new IllegalArgumentException("received bytes must be between 0 and the size");
    }
    warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings"));
  }

  /** A new item whose bytes are stored: ready to play, not yet inspected. */
  public static MediaItem ready(String id, UserId owner, String title, String fileName, long size, String sha256,
      String contentType, long nowMs) {
    return new MediaItem(id, owner, title, fileName, size, sha256, contentType, null, null, null, null, null, null,
        MediaStatus.READY, null, null, nowMs, nowMs, size, null, List.of(), null);
  }

  /** A new upload of {@code size} bytes, none of them received yet. */
  public static MediaItem uploading(String id, UserId owner, String title, String fileName, long size,
      String contentType, Upload upload, long nowMs) {
    return new MediaItem(id, owner, title, fileName, size, null, contentType, null, null, null, null, null, null,
        MediaStatus.UPLOADING, null, null, nowMs, nowMs, 0, Objects.requireNonNull(upload, "upload"), List.of(), null);
  }

  /** How rooms refer to it: the timeline's media id {@code media:<id>} (web/src/player/source.ts). */
  public String roomMediaId() {
    return MediaRef.PREFIX + id;
  }

  /** What streaming serves: the converted file when there is one, else the original. */
  public Derived served() {
    return playable != null ? playable : new Derived(MediaKeys.original(id), sizeBytes, sha256, contentType);
  }

  public MediaItem withTitle(String newTitle, long nowMs) {
    return new MediaItem(id, ownerId, newTitle, fileName, sizeBytes, sha256, contentType, container, videoCodec,
        audioCodec, durationMs, width, height, status, failureMessage, posterKey, createdAt, nowMs, receivedBytes,
        upload, warnings, playable);
  }

  public MediaItem withStatus(MediaStatus newStatus, String failure, long nowMs) {
    return new MediaItem(id, ownerId, title, fileName, sizeBytes, sha256, contentType, container, videoCodec,
        audioCodec, durationMs, width, height, newStatus, failure, posterKey, createdAt, nowMs, receivedBytes, upload,
        warnings, playable);
  }

  /** With what inspection found. */
  public MediaItem withDetails(String newContainer, String newVideoCodec, String newAudioCodec, Long newDurationMs,
      Integer newWidth, Integer newHeight, String newPosterKey, long nowMs) {
    return new MediaItem(id, ownerId, title, fileName, sizeBytes, sha256, contentType, newContainer, newVideoCodec,
        newAudioCodec, newDurationMs, newWidth, newHeight, status, failureMessage, newPosterKey, createdAt, nowMs,
        receivedBytes, upload, warnings, playable);
  }

  /** Every byte arrived with this SHA-256: no longer an upload, now to be processed. */
  public MediaItem completed(String actualSha256, long nowMs) {
    return new MediaItem(id, ownerId, title, fileName, sizeBytes, actualSha256, contentType, container, videoCodec,
        audioCodec, durationMs, width, height, MediaStatus.PROCESSING, null, posterKey, createdAt, nowMs, sizeBytes,
        null, warnings, playable);
  }

  /** What processing decided: the type to serve the original as, the converted file, the warnings. */
  public MediaItem withOutput(String newContentType, Derived newPlayable, List<String> newWarnings, long nowMs) {
    return new MediaItem(id, ownerId, title, fileName, sizeBytes, sha256, newContentType, container, videoCodec,
        audioCodec, durationMs, width, height, status, failureMessage, posterKey, createdAt, nowMs, receivedBytes,
        upload, newWarnings, newPlayable);
  }
}
