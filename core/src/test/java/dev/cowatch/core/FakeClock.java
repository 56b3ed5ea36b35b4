package dev.cowatch.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test time, the one fake clock of every module's tests (shared through core's test-jar): starts at a
 * fixed instant and moves only when a test says so. A {@link Clock} (UTC) for code that is given one;
 * {@link #now()} for the core's rules, which take the time as a number. Thread-safe: a server's request
 * threads read it while a test moves it.
 */
public final class FakeClock extends Clock {
  /** 2026-01-01T00:00:00Z, an arbitrary fixed start. */
  public static final long FIXED_START_MS = 1_767_225_600_000L;

  private final AtomicLong nowMs;

  public FakeClock(long startMs) {
    this.nowMs = new AtomicLong(startMs);
  }

  public static FakeClock atFixedStart() {
    return new FakeClock(FIXED_START_MS);
  }

  public long now() {
    return nowMs.get();
  }

  /** Moves the clock {@code ms} ahead and returns the new time. */
  public long elapse(long ms) {
    if (ms < 0) throw new IllegalArgumentException("time does not run backwards");
    return nowMs.addAndGet(ms);
  }

  public void advance(Duration d) {
    elapse(d.toMillis());
  }

  @Override
  public long millis() {
    return nowMs.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(nowMs.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("UTC only");
  }
}
