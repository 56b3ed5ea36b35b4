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
}
