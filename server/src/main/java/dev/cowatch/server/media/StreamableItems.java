package dev.cowatch.server.media;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Ready items as streaming requests find them, kept for a moment. A playing video asks for its bytes in
 * many Range requests, each checked on its own; reading the item's row for each one went through the
 * embedded store's single connection, so 32 viewers' requests queued behind one another before the first
 * byte (bench/run media). A ready item's bytes never change, so only whether it still exists can go stale:
 * this node forgets an item when it deletes it; another node's delete is seen within {@link #TTL_MS}.
 * Thread-safe.
 */
final class StreamableItems {
  /** How long a deleted item may still be streamed by a node that did not delete it. */
  static final long TTL_MS = 2_000;
  /** Items playing at once on one node are far fewer; past it the map is emptied rather than grown. */
  static final int MAX_ITEMS = 4_096;

  private record Entry(MediaItem item, long loadedAt) {}

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final Clock clock;

  StreamableItems(Clock clock) {
    this.clock = clock;
  }

  /** The item, from memory when read less than {@link #TTL_MS} ago and ready; else from {@code load}. */
  Optional<MediaItem> find(String id, Function<String, Optional<MediaItem>> load) {
    long now = clock.millis();
    Entry e = entries.get(id);
    if (e != null && now - e.loadedAt() < TTL_MS && now >= e.loadedAt()) return Optional.of(e.item());
    Optional<MediaItem> item = load.apply(id);
    if (item.isPresent() && item.get().status() == MediaStatus.READY) {
      if (entries.size() >= MAX_ITEMS) entries.clear();
      entries.put(id, new Entry(item.get(), now));
    } else {
      entries.remove(id);
    }
    return item;
  }

  void forget(String id) {
    entries.remove(id);
  }
}
