package dev.cowatch.server.showing;

import java.util.Objects;

/**
 * One film of a showing, in its order.
 *
 * @param mediaId what the room plays: a URL or {@code media:<id>}
 * @param durationMs how long it runs; needed for every episode but the last, so the next one can
 *     start on time
 */
public record Episode(String mediaId, String title, Long durationMs) {
  public Episode {
    Objects.requireNonNull(mediaId, "mediaId");
    Objects.requireNonNull(title, "title");
    if (durationMs != null && durationMs <= 0) throw new IllegalArgumentException("duration must be positive");
  }
}
