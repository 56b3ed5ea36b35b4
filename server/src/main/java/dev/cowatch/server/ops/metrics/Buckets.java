package dev.cowatch.server.ops.metrics;

import java.time.Duration;

/**
 * The histogram buckets, chosen for what each figure means rather than Micrometer's 70-odd defaults
 * (every bucket is a series Prometheus stores for every label combination).
 */
final class Buckets {
  private Buckets() {}

  /**
   * Fan-out and intents: a small room's broadcast takes tens of microseconds, a room of a thousand
   * 10-15 ms on one core (LocalDelivery), an intent adds its database write (about a millisecond on
   * SQLite with a synced log). A frame at 50 fps is 20 ms: anything past it is visible.
   */
  static final Duration[] LATENCY = millis(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 50, 100, 250, 1000);

  /** HTTP requests: from static files (well under a millisecond) to uploads and Argon2id sign-ins. */
  static final Duration[] HTTP = millis(1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 10_000);

  /**
   * A player's error against the room's timeline. The dead band is 20 ms, nudging works
   * up to 500 ms, a seek beyond; peers tolerate 0.5-2 s (docs/architecture.md, "Tolerances").
   */
  static final Duration[] DRIFT = millis(5, 10, 20, 40, 80, 160, 320, 500, 1000, 2000, 5000);

  private static Duration[] millis(double... ms) {
    Duration[] d = new Duration[ms.length];
    for (int i = 0; i < ms.length; i++) d[i] = Duration.ofNanos(Math.round(ms[i] * 1_000_000));
    return d;
  }
}
