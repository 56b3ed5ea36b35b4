package dev.cowatch.server.platform;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts a kind of trouble that comes by the hundred when it comes (a Redis outage fails every call, a starved node
 * lets every lease it holds lapse) and says when a log line for it is due: at most one every {@link #EVERY}, carrying
 * the count so far, so the log says as much as a line each would without burying everything else.
 */
public final class CountedWarnings {
  public static final Duration EVERY = Duration.ofSeconds(10);

  private final AtomicLong count = new AtomicLong();
  private final AtomicLong lastLineNanos = new AtomicLong(Long.MIN_VALUE / 2);

  /** Counts one more, seen at {@code nowNanos}; the count so far if a line is due now, else 0. */
  public long count(long nowNanos) {
    long n = count.incrementAndGet();
    long last = lastLineNanos.get();
    return nowNanos - last > EVERY.toNanos() && lastLineNanos.compareAndSet(last, nowNanos) ? n : 0;
  }
}
