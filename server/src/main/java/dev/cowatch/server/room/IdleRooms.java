package dev.cowatch.server.room;

import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Since when each live room has been empty: one empty for {@link #EVICTION_MS} may leave memory. */
final class IdleRooms {
  /** An empty room with nothing scheduled leaves memory after this long. */
  static final long EVICTION_MS = 60_000;

  private final ConcurrentMap<RoomId, Long> emptySince = new ConcurrentHashMap<>();

  /** Notes whether the room has members after a change. */
  void changed(Room room, long nowMs) {
    if (room.members().isEmpty()) emptySince.putIfAbsent(room.id(), nowMs);
    else emptySince.remove(room.id());
  }

  boolean idle(RoomId room, long nowMs) {
    Long since = emptySince.get(room);
    return since != null && nowMs - since >= EVICTION_MS;
  }

  /** The rooms that are empty now (a live view). */
  Set<RoomId> empty() {
    return emptySince.keySet();
  }

  void forget(RoomId room) {
    emptySince.remove(room);
  }
}
