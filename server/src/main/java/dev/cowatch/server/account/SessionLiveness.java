package dev.cowatch.server.account;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Whether a session (refresh-token family) is still alive, as the database says, so that an access token
 * dies when its session is signed out or revoked for reuse, on every node, not when it expires.
 *
 * <p>An answer "alive" is kept for at most {@link #MAX_STALENESS}: another node's sign-out reaches this one
 * within that bound. "Ended" is final (a family is never revived) and kept until evicted. This node forgets
 * at once a session it ends itself.
 */
final class SessionLiveness {
  /**
   * How long an "alive" answer is trusted without asking the database again: a signed-out session's token
   * keeps working on another node for at most this long. One second costs at most one indexed lookup per
   * session per second per node.
   */
  static final Duration MAX_STALENESS = Duration.ofSeconds(1);

  private final AccountStore store;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final LinkedHashMap<String, Checked> entries;
  /** Counts forgets (guarded by the lock): a lookup that overlapped one may have read the old row, so it is not kept. */
  private long forgets;

  private record Checked(boolean live, long checkedAt) {}

  SessionLiveness(AccountStore store, Clock clock, int maxEntries) {
    this.store = store;
    this.clock = clock;
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Checked> eldest) {
        return size() > maxEntries;
      }
    };
  }

  boolean isLive(String sessionId) {
    long now = clock.millis();
    long forgetsBefore;
    lock.lock();
    try {
      Checked c = entries.get(sessionId);
      if (c != null && (!c.live() || now - c.checkedAt() < MAX_STALENESS.toMillis())) return c.live();
      forgetsBefore = forgets;
    } finally {
      lock.unlock();
    }
    // Asked outside the lock: a slow query must not stall every other request's token check.
    boolean live = store.transaction(r -> r.refreshTokens().isSessionLive(sessionId));
    lock.lock();
    try {
      if (forgets == forgetsBefore) entries.put(sessionId, new Checked(live, now));
    } finally {
      lock.unlock();
    }
    return live;
  }

  /** This node just ended the session: ask the database next time. */
  void forget(String sessionId) {
    lock.lock();
    try {
      entries.remove(sessionId);
      forgets++;
    } finally {
      lock.unlock();
    }
  }
}
