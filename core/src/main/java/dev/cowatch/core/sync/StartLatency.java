package dev.cowatch.core.sync;

import dev.cowatch.core.Tolerances;

/**
 * How long before its instant this player must be told to play so that its clock runs at speed on it: its
 * kind's guess until the first settled start measures it, then smoothed. Not thread-safe: the controller's.
 */
final class StartLatency {
  private double ms;
  private boolean learned;

  StartLatency(double guessMs) {
    this.ms = guessMs;
  }

  double ms() {
    return ms;
  }

  /** A start issued {@code leadMs} ahead settled {@code errorMs} off: it should have been issued leadMs - errorMs ahead. */
  void learn(double leadMs, double errorMs, Tolerances tolerances) {
    double measured = Math.clamp(leadMs - errorMs, 0, tolerances.maxStartLatencyMs());
    ms = learned ? ms + tolerances.smoothing() * (measured - ms) : measured;
    learned = true;
  }
}
