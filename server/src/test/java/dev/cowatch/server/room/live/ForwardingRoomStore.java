package dev.cowatch.server.room.live;

import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import java.util.Collection;
import java.util.Optional;

/** A store that hands every call to another: a test overrides the one it watches or breaks. */
public class ForwardingRoomStore implements RoomStore {
  private final RoomStore inner;

  public ForwardingRoomStore(RoomStore inner) {
    this.inner = inner;
  }

  @Override
  public boolean create(Room room) {
    return inner.create(room);
  }

  @Override
  public Optional<Room> get(RoomId id) {
    return inner.get(id);
  }

  @Override
  public boolean replace(long expectedRevision, Room next) {
    return inner.replace(expectedRevision, next);
  }

  @Override
  public void awaitReplicas() {
    inner.awaitReplicas();
  }

  @Override
  public boolean remove(RoomId id, long expectedRevision) {
    return inner.remove(id, expectedRevision);
  }

  @Override
  public Collection<Room> all() {
    return inner.all();
  }

  @Override
  public int count() {
    return inner.count();
  }
}
