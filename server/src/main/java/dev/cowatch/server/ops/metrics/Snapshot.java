package dev.cowatch.server.ops.metrics;

import java.time.Clock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A figure that costs something to read (a query, a walk over every connection), read at most once a
 * second however many gauges show parts of it: one scrape reads each source once. A failed read shows
 * as no value (null), not as a failed scrape.
 */
final class Snapshot<T> {
  private static final Logger log = LoggerFactory.getLogger(Snapshot.class);
  static final long FRESH_MS = 1_000;

  private final Supplier<T> source;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private T value;
  private long readAtMs = Long.MIN_VALUE;

  Snapshot(Supplier<T> source, Clock clock) {
    this.source = source;
    this.clock = clock;
  }

  T get() {
    lock.lock();
    try {
      long now = clock.millis();
      if (readAtMs != Long.MIN_VALUE && now - readAtMs < FRESH_MS) return value;
      readAtMs = now;
      try {
        value = source.get();
      } catch (RuntimeException e) {
        log.debug("a metrics source failed", e);
        value = null;
      }
      return value;
    } finally {
      lock.unlock();
    }
  }
}
