package dev.cowatch.core.sync;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The client's estimate of the server clock: of the last N samples, the one with the smallest
 * delay, because its one-way delays are least likely to be lopsided. Immutable.
 */
public final class ClockEstimator {
  private final int capacity;
  private final List<ClockSample> samples;

  public ClockEstimator(int capacity) {
    this(capacity, List.of());
  }

  private ClockEstimator(int capacity, List<ClockSample> samples) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be positive");
    this.capacity = capacity;
    this.samples = List.copyOf(samples);
  }

  public ClockEstimator add(ClockSample sample) {
    if (!(sample.delayMs() >= 0) || !Double.isFinite(sample.offsetMs())) return this;
    List<ClockSample> next = new ArrayList<>(samples);
    next.add(sample);
    while (next.size() > capacity) next.removeFirst();
    return new ClockEstimator(capacity, next);
  }

  /** Starts over from one sample: the clock moved and older samples describe another clock. */
  public ClockEstimator restartWith(ClockSample sample) {
    return new ClockEstimator(capacity).add(sample);
  }

  public Optional<ClockSample> best() {
    return samples.stream().min(Comparator.comparingDouble(ClockSample::delayMs));
  }

  public boolean hasEstimate() {
    return !samples.isEmpty();
  }

  public double offsetMs() {
    return best().map(ClockSample::offsetMs).orElse(0.0);
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
    return comparablyFast && Math.abs(sample.offsetMs() - best.get().offsetMs()) > shiftMs;
  }
}
