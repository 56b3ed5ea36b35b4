package dev.cowatch.server.media.subtitle;

/**
 * How much subtitle text the server takes.
 *
 * @param maxFileBytes an uploaded file; a feature film's SRT is 50-150 KB, so 2 MiB leaves room
 *     for the longest series episode in UTF-16 with markup
 * @param maxCues cues in one file; a three-hour film has about 2 000
 * @param maxTracksPerMedia tracks one media item may have (languages, and a variant or two of each)
 */
public record SubtitleLimits(int maxFileBytes, int maxCues, int maxTracksPerMedia) {
  public static final SubtitleLimits DEFAULTS = new SubtitleLimits(2 * 1024 * 1024, 20_000, 20);

  /**
   * The converted file may grow: each {@code &} or {@code <} of the source becomes a 4-5 character
   * entity. A file that would grow past this is refused rather than stored.
   */
  public int maxConvertedBytes() {
    return maxFileBytes * 4;
  }
}
