package dev.cowatch.server.room.bus;

import dev.cowatch.core.room.RoomId;

/**
 * Port: delivers a room's broadcasts to the connections subscribed to it, on whatever node they
 * are. In memory for one node; a pub/sub channel per room in a cluster.
 */
public interface RoomBus {

  interface Listener {
    /**
     * Must not block, nor take a room's lock: called on the publisher's thread or on a delivery
     * helper thread (LocalDelivery) while the publisher holds the room's lock and waits for it.
     */
    void deliver(Broadcast broadcast);
  }

  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  Subscription subscribe(RoomId room, Listener listener);

  void publish(RoomId room, Broadcast broadcast);
}
