package dev.cowatch.server.room.live;

import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The live rooms of one node, in a map; the repository keeps what must outlive the process. */
public final class InMemoryRoomStore implements RoomStore {
  private final ConcurrentMap<RoomId, Room> rooms = new ConcurrentHashMap<>();

  @Override
  public boolean create(Room room) {
    return rooms.putIfAbsent(room.id(), room) == null;
  }

  @Override
  public Optional<Room> get(RoomId id) {
    return Optional.ofNullable(rooms.get(id));
  }

  @Override
  public boolean replace(long expectedRevision, Room next) {
    boolean[] replaced = {false};
    rooms.computeIfPresent(next.id(), (id, current) -> {
      if (current.revision() != expectedRevision) return current;
      replaced[0] = true;
      return next;
    });
    return replaced[0];
  }

  @Override
  public boolean remove(RoomId id, long expectedRevision) {
    boolean[] removed = {false};
    rooms.computeIfPresent(id, (key, current) -> {
      if (current.revision() != expectedRevision) return current;
      removed[0] = true;
      return null;
    });
    return removed[0];
  }

  @Override
  public Collection<Room> all() {
    return rooms.values();
  }

  @Override
  public int count() {
    return rooms.size();
  }
}
