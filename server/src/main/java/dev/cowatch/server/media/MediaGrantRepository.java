package dev.cowatch.server.media;

import java.util.List;

/** The shares owners made of their library items (rows go with the item). */
public interface MediaGrantRepository {
  /** Records {@code grant}; false (and nothing changed) when the item already had that share. */
  boolean insert(MediaGrant grant);

  boolean exists(String mediaId, MediaGrant.Scope scope, String scopeId);

  int count(String mediaId);

  /** The item's shares, oldest first, at most {@code limit}. */
  List<MediaGrant> of(String mediaId, int limit);

  /** True if there was such a share. */
  boolean delete(String mediaId, MediaGrant.Scope scope, String scopeId);

  /** Removes the item's room shares made by anyone but {@code ownerId} (those a friends share allowed). */
  int deleteSharedOnBy(String mediaId, String ownerId);
}
