package dev.cowatch.server.media.probe;

import java.util.function.DoubleConsumer;

/**
 * Turns ffmpeg's {@code -progress} lines ({@code key=value}) into fractions of the known duration. Pure apart
 * from the listener. Reports only increases, stays below 1 until ffmpeg is done, then reports exactly 1.0 once.
 */
final class ProgressTracker {
  /** A report is not worth a call until it moved this much (ffmpeg writes a block every 0.5 s anyway). */
  private static final double STEP = 0.001;
  /** Short of done until ffmpeg says so: the last frame's time is often a little less than the duration. */
  private static final double BEFORE_END = 0.999;

  private final long durationUs;
  private final DoubleConsumer listener;
  private double reported = -1;

  ProgressTracker(long durationMs, DoubleConsumer listener) {
    this.durationUs = Math.max(1, durationMs) * 1000;
    this.listener = listener;
  }

  /**
   * One line of ffmpeg's progress output. {@code out_time_us} and {@code out_time_ms} are both microseconds (the
   * latter is misnamed in ffmpeg); "N/A" and other keys are ignored.
   */
  void line(String line) {
    int eq = line.indexOf('=');
    if (eq < 0) return;
    String key = line.substring(0, eq).strip();
    if (!key.equals("out_time_us") && !key.equals("out_time_ms")) return;
    long us;
    try {
      us = Long.parseLong(line.substring(eq + 1).strip());
    } catch (NumberFormatException e) {
      return;
    }
    double fraction = Math.min(BEFORE_END, Math.max(0, (double) us / durationUs));
    if (reported < 0 || fraction >= reported + STEP) report(fraction);
  }

  /** The work is done: 1.0. */
  void finish() {
    if (reported < 1.0) report(1.0);
  }

  double reported() {
    return Math.max(0, reported);
  }

  private void report(double fraction) {
    reported = fraction;
    listener.accept(fraction);
  }
}
