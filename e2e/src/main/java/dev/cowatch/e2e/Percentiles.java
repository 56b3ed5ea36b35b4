package dev.cowatch.e2e;

import java.util.Collection;

/** Percentiles of samples, nearest-rank (the same definition as bench's sync figures). */
public final class Percentiles {
  private final double[] sorted;

  public Percentiles(Collection<Double> samples) {
    this.sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
  }

  public int count() {
    return sorted.length;
  }

  /** The p-th percentile, p in [0, 100]; NaN without samples. */
  public double p(double p) {
    if (sorted.length == 0) return Double.NaN;
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
  }

  public double max() {
    return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "n=%d p50=%.1f p95=%.1f p99=%.1f max=%.1f", count(), p(50), p(95), p(99), max());
  }
}
