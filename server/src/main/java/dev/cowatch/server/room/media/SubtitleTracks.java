package dev.cowatch.server.room.media;

import java.util.Optional;

/** Port: which media a subtitle track belongs to, so a room only shows tracks of what it plays. */
@FunctionalInterface
public interface SubtitleTracks {
  /**
   * The timeline media id ({@code media:<id>}) of the item that has track {@code trackId}; empty
   * when there is no such track (or {@code trackId} cannot be one).
   */
  Optional<String> roomMediaIdOf(String trackId);
}
