package dev.cowatch.server.media;

import dev.cowatch.core.room.UserId;
import java.util.List;
import java.util.Optional;

/** The media library's rows (not the bytes: those are in the {@link MediaStore}). */
public interface MediaRepository {
  void insert(MediaItem item);

  Optional<MediaItem> find(String id);

  /** The owner's items, newest first. */
  List<MediaItem> ofOwner(UserId owner, int limit);

  /** Writes every mutable field (title, status, details, poster); false when the item is gone. */
  boolean update(MediaItem item);

  /** True if there was such an item. */
  boolean delete(String id);

  /**
   * Records an unfinished upload's progress and new expiry; false (and nothing written) when the item is gone or
   * no longer uploading.
   */
  boolean updateReceived(String id, long receivedBytes, long expiresAt);

  /** The sum of the sizes of the owner's items that hold bytes (all but failed ones), uploads at their declared size. */
  long bytesHeldBy(UserId owner);

  /** Items in this status, oldest first. */
  List<MediaItem> withStatus(MediaStatus status, int limit);

  /** Unfinished uploads whose expiry is at or before {@code nowMs}. */
  List<MediaItem> uploadsExpiredBy(long nowMs, int limit);
}
