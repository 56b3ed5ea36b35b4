package dev.cowatch.bench;

import java.util.Arrays;

/** Percentiles of a set of samples (nearest-rank). */
public final class Stats {
  private final double[] sorted;

  public Stats(double[] samples) {
    this.sorted = samples.clone();
    Arrays.sort(sorted);
  }

  public int count() {
    return sorted.length;
  }

  /** The p-th percentile, p in [0, 100]; NaN without samples. */
  public double percentile(double p) {
    if (sorted.length == 0) return Double.NaN;
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
  }

  public double max() {
    return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
  }
}
