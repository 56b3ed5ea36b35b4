package dev.cowatch.server.room;

import dev.cowatch.core.room.RoomId;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArraySet;

/** The embedded default: delivers synchronously to this node's listeners. */
public final class InMemoryRoomBus implements RoomBus {
  private final ConcurrentMap<RoomId, Set<Listener>> listeners = new ConcurrentHashMap<>();

  @Override
  public Subscription subscribe(RoomId room, Listener listener) {
    listeners.computeIfAbsent(room, r -> new CopyOnWriteArraySet<>()).add(listener);
    return () -> listeners.computeIfPresent(room, (r, set) -> {
      set.remove(listener);
      return set.isEmpty() ? null : set;
    });
  }

  @Override
  public void publish(RoomId room, Broadcast broadcast) {
    Set<Listener> set = listeners.get(room);
    if (set == null) return;
    for (Listener l : set) l.deliver(broadcast);
  }
}
