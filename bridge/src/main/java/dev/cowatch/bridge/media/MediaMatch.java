package dev.cowatch.bridge.media;

import dev.cowatch.protocol.FileMediaId;
import java.util.Optional;

/**
 * Whether the viewer's file is the room's video. Pure: the fingerprints are computed elsewhere.
 */
public final class MediaMatch {
  public enum Verdict {
    /** Same size and same ends: the same video. */
    SAME,
    /** The room plays something else than this file: the viewer is told. */
    DIFFERENT,
    /** The room has no media yet: the bridge offers this file to it. */
    ROOM_EMPTY,
    /** The room plays a video whose content could not be checked (an uploaded item, a server without ranges). */
    UNKNOWN
  }

  private MediaMatch() {}

  /**
   * @param roomMediaId the timeline's media id (null: none)
   * @param remote the room video's identity when the bridge could read it over HTTP, else empty
   */
  public static Verdict judge(String roomMediaId, FileMediaId local, Optional<FileMediaId> remote) {
    if (roomMediaId == null || roomMediaId.isBlank()) return Verdict.ROOM_EMPTY;
    Optional<FileMediaId> room = FileMediaId.parse(roomMediaId).or(() -> remote);
    if (room.isEmpty()) return Verdict.UNKNOWN;
    return room.get().equals(local) ? Verdict.SAME : Verdict.DIFFERENT;
  }

  /** What the viewer is told, or empty when all is well. */
  public static Optional<String> explain(Verdict v, FileMediaId local, Optional<FileMediaId> room) {
    return switch (v) {
      case SAME, ROOM_EMPTY -> Optional.empty();
      case UNKNOWN -> Optional.of("Could not check that your file is the room's video; playing it anyway.");
      case DIFFERENT -> Optional.of("Your file is not the room's video" + room.map(r -> r.sizeBytes() != local.sizeBytes()
          ? String.format(java.util.Locale.ROOT, " (yours has %,d bytes, the room's %,d)", local.sizeBytes(), r.sizeBytes())
          : " (same size, different content)").orElse("") + ": positions will not match what the others see.");
    };
  }
}
