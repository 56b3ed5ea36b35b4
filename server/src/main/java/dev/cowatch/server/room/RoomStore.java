package dev.cowatch.server.room;

import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import java.util.Optional;

/**
 * Port: where rooms live. In memory for one node; shared storage with compare-and-set in a
 * cluster, so two nodes deciding for the same room cannot both win.
 */
public interface RoomStore {

  /** Adds a new room; false if the id is taken. */
  boolean create(Room room);

  Optional<Room> get(RoomId id);

  /** Replaces the room only if the stored revision is still {@code expectedRevision}. */
  boolean replace(long expectedRevision, Room next);

  int count();
}
