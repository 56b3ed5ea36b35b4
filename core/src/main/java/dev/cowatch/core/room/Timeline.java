package dev.cowatch.core.room;

/**
 * The room's single source of truth for playback. Times are server epoch milliseconds,
 * positions are milliseconds into the media.
 *
 * <p>While playing, the position at time {@code t} is {@code anchorPosition + (t - anchorTime) *
 * rate}; an anchor in the future means "start at anchorPosition on that instant" and the position
 * holds until then.
 */
public record Timeline(
    String mediaId,
    PlaybackState state,
    long anchorPositionMs,
    long anchorTimeMs,
    double rate,
    long version) {

  public static final double MIN_RATE = 0.25;
  public static final double MAX_RATE = 4.0;

  public Timeline {
    if (state == null) throw new IllegalArgumentException("state is required");
    if (anchorPositionMs < 0) throw new IllegalArgumentException("negative position");
    if (!(rate >= MIN_RATE && rate <= MAX_RATE)) throw new IllegalArgumentException("rate " + rate);
    if (version < 0) throw new IllegalArgumentException("negative version");
  }

  public static Timeline empty(long nowMs) {
    return new Timeline(null, PlaybackState.PAUSED, 0, nowMs, 1.0, 0);
  }

  /** The position in milliseconds at server time {@code nowMs}. */
  public double positionAt(double nowMs) {
    if (state != PlaybackState.PLAYING || nowMs <= anchorTimeMs) return anchorPositionMs;
    return anchorPositionMs + (nowMs - anchorTimeMs) * rate;
  }

  public boolean hasMedia() {
    return mediaId != null;
  }

  Timeline paused(long positionMs, long nowMs) {
    return new Timeline(mediaId, PlaybackState.PAUSED, positionMs, nowMs, rate, version + 1);
  }

  Timeline waiting(long positionMs, long nowMs) {
    return new Timeline(mediaId, PlaybackState.WAITING, positionMs, nowMs, rate, version + 1);
  }

  Timeline playingFrom(long positionMs, long startAtMs) {
    return new Timeline(mediaId, PlaybackState.PLAYING, positionMs, startAtMs, rate, version + 1);
  }

  Timeline movedTo(long positionMs, long anchorMs) {
    return new Timeline(mediaId, state, positionMs, anchorMs, rate, version + 1);
  }

  Timeline withRate(double newRate, long nowMs) {
    if (state == PlaybackState.PLAYING && nowMs > anchorTimeMs) {
      return new Timeline(mediaId, state, Math.round(positionAt(nowMs)), nowMs, newRate, version + 1);
    }
    return new Timeline(mediaId, state, anchorPositionMs, anchorTimeMs, newRate, version + 1);
  }

  Timeline withMedia(String newMediaId, long nowMs) {
    return loading(newMediaId, nowMs).withVersion(version + 1);
  }

  /**
   * {@code newMediaId} paused at its start, still at this version: a step inside one decision that
   * is never broadcast (the next video before it starts), so it must not use up a version.
   */
  Timeline loading(String newMediaId, long nowMs) {
    return new Timeline(newMediaId, PlaybackState.PAUSED, 0, nowMs, 1.0, version);
  }

  private Timeline withVersion(long newVersion) {
    return new Timeline(mediaId, state, anchorPositionMs, anchorTimeMs, rate, newVersion);
  }
}
