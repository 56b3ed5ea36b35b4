package dev.cowatch.server.room;

import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import java.util.Collection;
import java.util.Optional;

/**
 * Port: where live rooms are (members, sessions, the timeline as it moves). In memory for one
 * node; shared storage with compare-and-set in a cluster, so two nodes deciding for the same
 * room cannot both win. What outlives the process is the {@link RoomRepository}'s.
 */
public interface RoomStore {

  /** Adds a room; false if the id is taken. */
  boolean create(Room room);

  Optional<Room> get(RoomId id);

  /** Replaces the room only if the stored revision is still {@code expectedRevision}. */
  boolean replace(long expectedRevision, Room next);

  /** Drops the room from live state (it stays in the repository) if unchanged since {@code expectedRevision}. */
  boolean remove(RoomId id, long expectedRevision);

  /** The live rooms at this moment (a weakly consistent view). */
  Collection<Room> all();

  int count();
}
