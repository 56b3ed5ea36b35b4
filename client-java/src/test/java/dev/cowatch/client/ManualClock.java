package dev.cowatch.client;

/** A client clock that only moves when told to. */
final class ManualClock implements ClientClock {
  private double now;

  ManualClock(double startMs) {
    this.now = startMs;
  }

  @Override
  public synchronized double nowMs() {
    return now;
  }

  synchronized void advance(double ms) {
    now += ms;
  }
}
