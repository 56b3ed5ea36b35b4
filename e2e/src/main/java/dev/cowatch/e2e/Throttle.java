package dev.cowatch.e2e;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A link of a set speed that every paced response shares, as the viewer's one connection would be: a video
 * and an audio segment loading at once each get part of it, so a player's bandwidth estimate comes out near
 * the set speed. The speed may change at any moment; 0 is no limit. An idle link saves up no burst, but a busy one
 * keeps its schedule: a sender that slept past its slot (a loaded machine wakes sleepers late) sends the next bytes
 * sooner, instead of the link losing that time. Losing it, a 1.8 s segment at 2 Mbit/s took 2.4 s beside the
 * build's other tests (2,048-byte chunks, each sleep a few milliseconds late). Thread-safe (one lock around the
 * link's schedule).
 */
final class Throttle {
  /** A link idle for longer than this starts afresh; within it, a sender's lateness is made up. */
  static final long CATCH_UP_NANOS = 100_000_000;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile long bitsPerSecond;
  /** When the link has sent everything reserved so far (System.nanoTime() time); guarded by lock. */
  private long freeAtNanos = Long.MIN_VALUE;

  void set(long bitsPerSecond) {
    if (bitsPerSecond < 0) throw new IllegalArgumentException("a speed, not " + bitsPerSecond);
    this.bitsPerSecond = bitsPerSecond;
  }

  long bitsPerSecond() {
    return bitsPerSecond;
  }

  /**
   * Reserves the link for {@code bytes} after what is already reserved, and says how long from {@code nowNanos}
   * the caller waits before it may send them (0 without a limit): the bytes leave at the end of their slot.
   */
  long reserve(int bytes, long nowNanos) {
    long bps = bitsPerSecond;
    if (bps == 0) return 0;
    lock.lock();
    try {
      long start = freeAtNanos == Long.MIN_VALUE || nowNanos - freeAtNanos > CATCH_UP_NANOS ? nowNanos : freeAtNanos;
      freeAtNanos = start + bytes * 8L * 1_000_000_000L / bps;
      return Math.max(0, freeAtNanos - nowNanos);
    } finally {
      lock.unlock();
    }
  }
}
