package dev.cowatch.server.room.decisions;

import dev.cowatch.core.room.Decision;
import dev.cowatch.core.room.Room;

/**
 * Told of every change a room commits, once it has been broadcast, under the room's lock: it must
 * return at once (hand slow work to its own thread) and must not call back into the room. Each
 * observer overrides what it needs: the two states ({@link #changed}), the decision with its events ({@link #decided}), or a
 * room coming back into memory ({@link #loaded}).
 */
public interface RoomObserver {
  default void changed(Room before, Room after) {}

  /** The decision that led from {@code before} to its room, with its events (after {@link #changed}). */
  default void decided(Room before, Decision decision) {}

  /** The room came back into memory from the repository (before anyone acts on it). */
  default void loaded(Room room) {}
}
