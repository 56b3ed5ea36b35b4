package dev.cowatch.server.media.subtitle;

import java.util.List;
import java.util.Optional;

/** The subtitle tracks' rows (the WebVTT files are in the media store). */
public interface SubtitleRepository {
  enum Inserted { DONE, FULL, NO_MEDIA }

  /**
   * Adds the track unless its media already has {@code maxPerMedia} tracks ({@code FULL}) or is gone
   * ({@code NO_MEDIA}); the count and the insert are one step, so two uploads at once cannot both
   * take the last place.
   */
  Inserted insert(SubtitleTrack track, int maxPerMedia);

  /** The media item's tracks, oldest first. */
  List<SubtitleTrack> ofMedia(String mediaId);

  Optional<SubtitleTrack> find(String trackId);

  /** True if there was such a track. */
  boolean delete(String trackId);
}
