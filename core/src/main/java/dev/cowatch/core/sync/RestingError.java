package dev.cowatch.core.sync;

/**
 * The mean error of a player at rest (playing at its nominal rate, no correction under way), over
 * consecutive windows: one reading of a browser's position jitters by a few ms, the mean of a
 * window's readings hardly at all, so a small lasting error can be told from noise. Not thread-safe.
 */
final class RestingError {
  /** Fewer readings than this in a window say too little (a throttled tab steps once a second). */
  static final int MIN_READINGS = 5;

  private double windowStartMs = Double.NaN;
  private double sumMs;
  private int readings;

  /**
   * Adds a reading taken at {@code localTimeMs}; returns the window's mean error once the window
   * has lasted {@code windowMs} with enough readings (and starts the next), NaN until then.
   */
  double add(double errorMs, double localTimeMs, double windowMs) {
    if (Double.isNaN(windowStartMs)) windowStartMs = localTimeMs;
    sumMs += errorMs;
    readings++;
    if (localTimeMs - windowStartMs < windowMs) return Double.NaN;
    double mean = readings >= MIN_READINGS ? sumMs / readings : Double.NaN;
    reset();
    return mean;
  }

  /** The player is no longer at rest (a correction, a seek, a pause): its readings so far describe another rest. */
  void reset() {
    windowStartMs = Double.NaN;
    sumMs = 0;
    readings = 0;
  }
}
