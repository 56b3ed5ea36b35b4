package dev.cowatch.bench.net;

import java.util.function.DoubleSupplier;

/**
 * When each chunk of one direction of a connection is delivered: the time it was read plus a random
 * one-way delay, but never before the chunk read before it (a TCP stream keeps its order, so a short
 * delay drawn after a long one waits for it). Pure: time comes in as an argument.
 */
public final class OrderedDelay {
  private final double baseMs;
  private final double jitterMs;
  private final DoubleSupplier uniform;
  private double lastDueMs = Double.NEGATIVE_INFINITY;

  /**
   * @param baseMs mean one-way delay
   * @param jitterMs the delay is uniform in [base - jitter, base + jitter]
   * @param uniform draws from [0, 1)
   */
  public OrderedDelay(double baseMs, double jitterMs, DoubleSupplier uniform) {
    if (jitterMs < 0 || baseMs - jitterMs < 0) throw new IllegalArgumentException("delay must stay >= 0");
    this.baseMs = baseMs;
    this.jitterMs = jitterMs;
    this.uniform = uniform;
  }

  /** The instant a chunk read at {@code readAtMs} is due at the other end. */
  public double dueMs(double readAtMs) {
    double delay = baseMs - jitterMs + 2 * jitterMs * uniform.getAsDouble();
    lastDueMs = Math.max(readAtMs + delay, lastDueMs);
    return lastDueMs;
  }
}
