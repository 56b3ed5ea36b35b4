package dev.cowatch.server.room.media;

import java.util.Optional;

/**
 * Port: what a room's media is called and what its poster is, for the room's preview. Rooms know
 * media only by id (a URL or {@code media:<id>}); the media module fills this in for its items.
 */
@FunctionalInterface
public interface MediaDescriptions {
  /** A title and, when there is one, a poster path (site-relative, usable without signing in). */
  record Description(String title, String posterPath) {}

  /** Empty when {@code mediaId} is not an item this port knows (then the preview uses the URL's file name). */
  Optional<Description> describe(String mediaId);

  MediaDescriptions NONE = mediaId -> Optional.empty();
}
