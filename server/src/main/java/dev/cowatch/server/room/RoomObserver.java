package dev.cowatch.server.room;

import dev.cowatch.core.room.Room;

/**
 * Told of every change a room commits, under the room's lock: it must return at once (hand slow
 * work to its own thread) and must not call back into the room.
 */
@FunctionalInterface
public interface RoomObserver {
  void changed(Room before, Room after);

  /** The decision that led from {@code before} to its room, with its events (after {@link #changed}). */
  default void decided(Room before, dev.cowatch.core.room.Decision decision) {}

  /** The room came back into memory from the repository (before anyone acts on it). */
  default void loaded(Room room) {}
}
