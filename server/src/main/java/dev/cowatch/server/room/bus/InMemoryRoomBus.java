package dev.cowatch.server.room.bus;

import dev.cowatch.core.room.RoomId;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The embedded default: delivers to this node's listeners before {@link #publish} returns. */
public final class InMemoryRoomBus implements RoomBus {
  private static final RoomBus.Listener[] NONE = new RoomBus.Listener[0];

  /** Each room's listeners, copied on change: a broadcast reads the array as it is, without copying it. */
  private final ConcurrentMap<RoomId, RoomBus.Listener[]> listeners = new ConcurrentHashMap<>();
  private final LocalDelivery delivery;

  /** Delivers on the publishing thread only. */
  public InMemoryRoomBus() {
    this(LocalDelivery.onPublisher());
  }

  public InMemoryRoomBus(LocalDelivery delivery) {
    this.delivery = delivery;
  }

  @Override
  public Subscription subscribe(RoomId room, Listener listener) {
    listeners.compute(room, (r, now) -> {
      Listener[] current = now == null ? NONE : now;
      for (Listener l : current) {
        if (l == listener) return current;
      }
      Listener[] next = Arrays.copyOf(current, current.length + 1);
      next[current.length] = listener;
      return next;
    });
    return () -> listeners.computeIfPresent(room, (r, now) -> {
      int at = -1;
      for (int i = 0; i < now.length && at < 0; i++) {
        if (now[i] == listener) at = i;
      }
      if (at < 0) return now;
      if (now.length == 1) return null;
      Listener[] next = new Listener[now.length - 1];
      System.arraycopy(now, 0, next, 0, at);
      System.arraycopy(now, at + 1, next, at, now.length - at - 1);
      return next;
    });
  }

  @Override
  public void publish(RoomId room, Broadcast broadcast) {
    Listener[] now = listeners.get(room);
    if (now != null) delivery.deliver(now, broadcast);
  }
}
