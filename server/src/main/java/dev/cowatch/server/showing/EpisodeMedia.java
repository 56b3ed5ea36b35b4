package dev.cowatch.server.showing;

import dev.cowatch.core.room.UserId;
import java.util.Optional;

/** Port: what a showing needs to know of an uploaded item it plays. */
@FunctionalInterface
public interface EpisodeMedia {
  /**
   * The runtime of {@code media:<id>} if known. Refuses (a {@code Refusal}) when {@code who} may not
   * plan a showing of it: only its owner may.
   */
  Optional<Long> durationOf(UserId who, String itemId);
}
