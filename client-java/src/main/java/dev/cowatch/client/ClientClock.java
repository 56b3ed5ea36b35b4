package dev.cowatch.client;

/** The client's local clock in epoch milliseconds (fractional). Injected so a simulation can skew it. */
@FunctionalInterface
public interface ClientClock {
  double nowMs();

  static ClientClock system() {
    long originNanos = System.nanoTime();
    long originMillis = System.currentTimeMillis();
    // Monotonic between readings, anchored to the wall clock once.
    return () -> originMillis + (System.nanoTime() - originNanos) / 1e6;
  }

  /** This clock shifted by {@code offsetMs}: a machine whose clock is wrong by that much. */
  default ClientClock shifted(double offsetMs) {
    return () -> nowMs() + offsetMs;
  }
}
