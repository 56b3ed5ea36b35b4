package dev.cowatch.bridge.vlc;

/**
 * Where VLC is, from its readings. VLC moves its {@code position} in steps, about every 250 ms
 * (VLC 3.0.21, measured: 1793.9, 2053.6, 2313.7 ... ms at 10 ms polls), so a reading is up to a quarter
 * of a second old. A new value is where VLC was when it first appeared: positions are counted on from
 * there, as mpv's frames are. Pure; not thread-safe (its owner locks).
 */
public final class VlcClock {
  /** Counting on stops this long after the last step: a VLC that stalled must not seem to play on. */
  static final double MAX_SINCE_STEP_MS = 400;

  private double lastRawMs = Double.NaN;
  private double anchorMs = Double.NaN;
  private double anchorAtMs;
  private boolean playing;
  private double rate = 1;

  /** A reading taken at {@code atMs}; true when its position is a new value (a step, a seek, a pause). */
  public boolean feed(double rawPositionMs, double atMs, boolean playingNow, double rateNow) {
    boolean changed = rawPositionMs != lastRawMs;
    if (changed || !playingNow || playingNow != playing) {
      anchorMs = rawPositionMs;
      anchorAtMs = atMs;
    }
    lastRawMs = rawPositionMs;
    playing = playingNow;
    rate = rateNow;
    return changed;
  }

  /** The position at {@code atMs} (NaN before the first reading). */
  public double positionAt(double atMs) {
    if (!playing) return anchorMs;
    return anchorMs + Math.min(Math.max(0, atMs - anchorAtMs), MAX_SINCE_STEP_MS) * rate;
  }

  /**
   * Where VLC would be at {@code atMs} had it played on from its last step without stopping: after a
   * stall, VLC jumps there to catch up with its clock (NaN before the first reading).
   */
  public double playedOnAt(double atMs) {
    if (!playing) return anchorMs;
    return anchorMs + Math.max(0, atMs - anchorAtMs) * rate;
  }

  public boolean playing() {
    return playing;
  }

  public double rate() {
    return rate;
  }
}
