package dev.cowatch.core.sync;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The client's estimate of the server clock: of the last N samples, the mean offset of the few
 * with the smallest delay, because their one-way delays are least likely to be lopsided (the
 * error of a sample is half the difference of its two one-way delays). Immutable.
 */
public final class ClockEstimator {
  private final int capacity;
  private final int bestOf;
  private final List<ClockSample> samples;

  /** Keeps {@code capacity} samples and trusts the fastest one (classic NTP). */
  public ClockEstimator(int capacity) {
    this(capacity, 1);
  }

  /** Keeps {@code capacity} samples; the offset is the mean of the {@code bestOf} fastest. */
  public ClockEstimator(int capacity, int bestOf) {
    this(capacity, bestOf, List.of());
  }

  private ClockEstimator(int capacity, int bestOf, List<ClockSample> samples) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be positive");
    if (bestOf < 1 || bestOf > capacity) throw new IllegalArgumentException("bestOf must be 1-" + capacity);
    this.capacity = capacity;
    this.bestOf = bestOf;
    this.samples = List.copyOf(samples);
  }

  public ClockEstimator add(ClockSample sample) {
    if (!(sample.delayMs() >= 0) || !Double.isFinite(sample.offsetMs())) return this;
    List<ClockSample> next = new ArrayList<>(samples);
    next.add(sample);
    while (next.size() > capacity) next.removeFirst();
    return new ClockEstimator(capacity, bestOf, next);
  }

  /** Starts over from one sample: the clock moved and older samples describe another clock. */
  public ClockEstimator restartWith(ClockSample sample) {
    return new ClockEstimator(capacity, bestOf).add(sample);
  }

  public Optional<ClockSample> best() {
    return samples.stream().min(Comparator.comparingDouble(ClockSample::delayMs));
  }

  public boolean hasEstimate() {
    return !samples.isEmpty();
  }

  public double offsetMs() {
    return samples.stream()
        .sorted(Comparator.comparingDouble(ClockSample::delayMs))
        .limit(bestOf)
        .mapToDouble(ClockSample::offsetMs)
        .average()
        .orElse(0.0);
  }

  /**
   * How far the estimate may be off, from the samples' own spread: half the range of the offsets it
   * averages. Each of them errs by half the difference of its two one-way delays; when the fastest
   * samples agree, the network was even and the estimate is good (about 0.5 ms on loopback); on a
   * jittery network they disagree by as much as they err. Infinite before there are two samples.
   */
  public double uncertaintyMs() {
    double[] offsets = samples.stream()
        .sorted(Comparator.comparingDouble(ClockSample::delayMs))
        .limit(bestOf)
        .mapToDouble(ClockSample::offsetMs)
        .toArray();
    if (offsets.length < 2) return Double.POSITIVE_INFINITY;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double o : offsets) {
      min = Math.min(min, o);
      max = Math.max(max, o);
    }
    return (max - min) / 2;
  }

  public double rttMs() {
    return best().map(ClockSample::delayMs).orElse(0.0);
  }

  public int size() {
    return samples.size();
  }

  /**
   * A sample about as fast as the best one that disagrees with it by more than {@code shiftMs}
   * means the client's clock stepped (sleep, NTP correction), not that the network wobbled.
   */
  public boolean suggestsShift(ClockSample sample, double shiftMs) {
    Optional<ClockSample> best = best();
    if (best.isEmpty() || samples.size() < capacity / 2) return false;
    boolean comparablyFast = sample.delayMs() <= best.get().delayMs() * 1.5 + 2;
    return comparablyFast && Math.abs(sample.offsetMs() - offsetMs()) > shiftMs;
  }
}
