package dev.cowatch.server.room.ws;

/**
 * Rate limits as token buckets: each {@code capacity} at once, refilled at its rate. A connection has
 * four (see {@link MessageLimits}); they live in two arrays of this one object rather than four
 * objects of their own, which kept their rates and clock once per bucket: 224 bytes a connection
 * became 128 (a capacity run holds tens of thousands). Not thread-safe.
 */
final class TokenBucket {
  private final double[] capacity;
  private final double[] perNano;
  private final double[] tokens;
  private final long[] last;

  /**
   * @param rates for each bucket, its capacity and its refill per second, shared by every connection
   * @param now the clock's reading (ns) when the buckets start, full
   */
  TokenBucket(Rates rates, long now) {
    this.capacity = rates.capacity;
    this.perNano = rates.perNano;
    this.tokens = capacity.clone();
    this.last = new long[capacity.length];
    java.util.Arrays.fill(last, now);
  }

  /** Takes a token from bucket {@code i} at {@code now} (ns); false when it had none. */
  boolean tryTake(int i, long now) {
    // Above capacity only by a credit (see there): spent before the bucket refills again.
    if (tokens[i] < capacity[i]) tokens[i] = Math.min(capacity[i], tokens[i] + (now - last[i]) * perNano[i]);
    last[i] = now;
    if (tokens[i] < 1) return false;
    tokens[i] -= 1;
    return true;
  }

  /**
   * Adds to bucket {@code i} what it refills over {@code nanos}, past its capacity if need be: for time in which the
   * server, not the sender, kept the sender's messages from being read. They then arrive at once, and sent at the
   * bucket's rate they were allowed. Credits do not pile up: at most the burst and the latest credit.
   */
  void credit(int i, long nanos) {
    double credit = nanos * perNano[i];
    tokens[i] = Math.min(tokens[i] + credit, capacity[i] + credit);
  }

  /** The buckets' capacities and rates, made once for every connection with the same limits. */
  static final class Rates {
    private final double[] capacity;
    private final double[] perNano;

    /** {@code bursts[i]} at once, refilled at {@code perSecond[i]}. */
    Rates(double[] bursts, double[] perSecond) {
      if (bursts.length != perSecond.length) throw new IllegalArgumentException("a rate for each burst");
      this.capacity = bursts.clone();
      this.perNano = new double[perSecond.length];
      for (int i = 0; i < perSecond.length; i++) perNano[i] = perSecond[i] / 1e9;
    }
  }
}
