package dev.cowatch.core.sync;

import dev.cowatch.core.Tolerances;

/**
 * How long this player's seeks take, from being asked to being reported finished: smoothed, it aims a seek
 * ahead; the last one, unsmoothed, sizes a landing (a fresh source's first seeks are the slowest). A report
 * without a seek asked, or after longer than maxSeekLatencyMs, teaches nothing. Not thread-safe: the
 * controller's.
 */
final class SeekLatency {
  private final Tolerances tolerances;
  private double smoothedMs;
  private double lastMs;
  /** When (local time) the seek not yet reported finished was asked for; null: none is. */
  private Double askedAtMs;

  SeekLatency(Tolerances tolerances) {
    this.tolerances = tolerances;
    this.smoothedMs = tolerances.initialSeekLatencyMs();
  }

  void asked(double localTimeMs) {
    askedAtMs = localTimeMs;
  }

  void finished(double localTimeMs) {
    if (askedAtMs == null) return;
    double latency = localTimeMs - askedAtMs;
    if (latency >= 0 && latency < tolerances.maxSeekLatencyMs()) {
      smoothedMs += tolerances.smoothing() * (latency - smoothedMs);
      lastMs = latency;
    }
    askedAtMs = null;
  }

  double ms() {
    return smoothedMs;
  }

  /** What a seek may take now: the smoothed latency, or the last seek's if that was slower. */
  double worstRecentMs() {
    return Math.max(smoothedMs, lastMs);
  }
}
