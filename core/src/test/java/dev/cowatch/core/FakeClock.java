package dev.cowatch.core;

/** Test time: starts at a fixed instant and moves only when a test says so. */
public final class FakeClock {
  private long nowMs;

  public FakeClock(long startMs) {
    this.nowMs = startMs;
  }

  public long now() {
    return nowMs;
  }

  public long elapse(long ms) {
    if (ms < 0) throw new IllegalArgumentException("time does not run backwards");
    nowMs += ms;
    return nowMs;
  }
}
