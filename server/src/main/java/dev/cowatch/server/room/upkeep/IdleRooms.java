package dev.cowatch.server.room.upkeep;

import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Since when each live room has been empty: one empty for {@link #EVICTION_MS} may leave memory, one nobody has
 * touched since it was made after {@link #UNTOUCHED_EVICTION_MS}.
 */
public final class IdleRooms {
  /** An empty room with nothing scheduled leaves memory after this long. */
  static final long EVICTION_MS = 60_000;
  /**
   * A room unchanged since it was made (nobody has joined it yet: its link is being passed on) waits this long:
   * its first members would otherwise find it gone and load it again from the database as they arrive, under its
   * lock, a read and a checkpoint write while the room's other arrivals wait. In the capacity run (5,000 rooms made
   * in 40 s, filled over 3 minutes) the last 397 were loaded again in the join storm's last seconds.
   */
  static final long UNTOUCHED_EVICTION_MS = 10 * 60_000;

  private final ConcurrentMap<RoomId, Long> emptySince = new ConcurrentHashMap<>();
  /** Of the empty rooms, those unchanged since they were made. */
  private final Set<RoomId> untouched = ConcurrentHashMap.newKeySet();

  /** Notes whether the room has members after a change. */
  public void changed(Room room, long nowMs) {
    if (room.members().isEmpty()) {
      emptySince.putIfAbsent(room.id(), nowMs);
      if (room.revision() == 0) untouched.add(room.id());
      else untouched.remove(room.id());
    } else {
      emptySince.remove(room.id());
      untouched.remove(room.id());
    }
  }

  boolean idle(RoomId room, long nowMs) {
    Long since = emptySince.get(room);
    return since != null && nowMs - since >= (untouched.contains(room) ? UNTOUCHED_EVICTION_MS : EVICTION_MS);
  }

  /** Forgets the empty rooms not among {@code seen} (they have members again, or are gone). */
  void keepOnly(Set<RoomId> seen) {
    emptySince.keySet().removeIf(id -> !seen.contains(id));
    untouched.removeIf(id -> !seen.contains(id));
  }

  /** The rooms that are empty now (a live view). */
  Set<RoomId> empty() {
    return emptySince.keySet();
  }

  public void forget(RoomId room) {
    emptySince.remove(room);
    untouched.remove(room);
  }
}
