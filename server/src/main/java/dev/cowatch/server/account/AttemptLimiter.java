package dev.cowatch.server.account;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * At most {@code limit} counted events per key within a sliding {@code window}. Memory is bounded
 * twice: a key keeps only its newest {@code limit} event times (enough to know when the oldest leaves
 * the window), and at most {@code maxKeys} keys are tracked, the least recently touched dropped first.
 * Dropping a key forgets its count; an attacker would need {@code maxKeys} fresh keys in one window
 * to make us forget one, and each of those costs them an attempt.
 *
 * <p>Thread-safe: one lock, held for microseconds (no I/O inside).
 */
public final class AttemptLimiter implements Attempts {
  private final int limit;
  private final long windowMs;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final LinkedHashMap<String, ArrayDeque<Long>> events;

  public AttemptLimiter(int limit, Duration window, int maxKeys, Clock clock) {
    if (limit < 1 || maxKeys < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("limit, window and key count must be positive");
    }
    this.limit = limit;
    this.windowMs = window.toMillis();
    this.clock = clock;
    this.events = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<Long>> eldest) {
        return size() > maxKeys;
      }
    };
  }

  @Override
  public Optional<Duration> blockedFor(String key) {
    lock.lock();
    try {
      long now = clock.millis();
      ArrayDeque<Long> times = pruned(key, now);
      if (times == null || times.size() < limit) return Optional.empty();
      return Optional.of(Duration.ofMillis(times.peekFirst() + windowMs - now));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void record(String key) {
    lock.lock();
    try {
      long now = clock.millis();
      ArrayDeque<Long> times = pruned(key, now);
      if (times == null) {
        times = new ArrayDeque<>(Math.min(limit, 8));
        events.put(key, times);
      }
      times.addLast(now);
      while (times.size() > limit) times.removeFirst();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void clear(String key) {
    lock.lock();
    try {
      events.remove(key);
    } finally {
      lock.unlock();
    }
  }

  /** Keys currently tracked (for tests and metrics). */
  public int trackedKeys() {
    lock.lock();
    try {
      return events.size();
    } finally {
      lock.unlock();
    }
  }

  /** The key's times still inside the window; drops the key when none are. */
  private ArrayDeque<Long> pruned(String key, long now) {
    ArrayDeque<Long> times = events.get(key);
    if (times == null) return null;
    while (!times.isEmpty() && times.peekFirst() <= now - windowMs) times.removeFirst();
    if (times.isEmpty()) {
      events.remove(key);
      return null;
    }
    return times;
  }
}
