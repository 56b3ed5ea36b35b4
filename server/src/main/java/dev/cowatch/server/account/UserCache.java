package dev.cowatch.server.account;

import dev.cowatch.core.room.UserId;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Users as recently read, so checking an access token's session version does not cost a database
 * query per request. This node forgets an entry the moment it changes a user (sign out everywhere,
 * password reset, rename, upgrade); other nodes see the change within {@code ttl}.
 */
public final class UserCache {
  private final AccountStore store;
  private final Clock clock;
  private final long ttlMs;
  private final ReentrantLock lock = new ReentrantLock();
  private final LinkedHashMap<UserId, Cached> entries;
  /** Counts forgets (guarded by the lock): a load that overlapped one may have read the old row, so it is not kept. */
  private long forgets;

  private record Cached(User user, long loadedAt) {}

  public UserCache(AccountStore store, Clock clock, Duration ttl, int maxEntries) {
    this.store = store;
    this.clock = clock;
    this.ttlMs = ttl.toMillis();
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<UserId, Cached> eldest) {
        return size() > maxEntries;
      }
    };
  }

  /** The user, from the cache if read within the TTL, else from the store. Empty if there is no such user. */
  public Optional<User> get(UserId id) {
    long now = clock.millis();
    long forgetsBefore;
    lock.lock();
    try {
      Cached e = entries.get(id);
      if (e != null && now - e.loadedAt() < ttlMs) return Optional.of(e.user());
      forgetsBefore = forgets;
    } finally {
      lock.unlock();
    }
    // Read outside the lock: a slow query must not stall every other request's token check.
    Optional<User> loaded = store.transaction(r -> r.users().find(id));
    lock.lock();
    try {
      if (loaded.isEmpty()) {
        entries.remove(id);
      } else if (forgets == forgetsBefore) {
        entries.put(id, new Cached(loaded.get(), now));
      }
    } finally {
      lock.unlock();
    }
    return loaded;
  }

  public void forget(UserId id) {
    lock.lock();
    try {
      entries.remove(id);
      forgets++;
    } finally {
      lock.unlock();
    }
  }
}
