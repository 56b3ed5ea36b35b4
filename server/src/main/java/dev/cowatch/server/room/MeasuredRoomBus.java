package dev.cowatch.server.room;

import dev.cowatch.core.room.RoomId;

/**
 * The bus with the time each publish takes: on this node's in-memory bus a publish returns once every
 * connection of the room here has the broadcast in its outbox (LocalDelivery), which is the fan-out
 * an operator wants to see. Two {@code nanoTime} reads per broadcast, not per member.
 */
final class MeasuredRoomBus implements RoomBus {
  private final RoomBus inner;
  private final RoomMetrics metrics;

  MeasuredRoomBus(RoomBus inner, RoomMetrics metrics) {
    this.inner = inner;
    this.metrics = metrics;
  }

  @Override
  public Subscription subscribe(RoomId room, Listener listener) {
    return inner.subscribe(room, listener);
  }

  @Override
  public void publish(RoomId room, Broadcast broadcast) {
    long start = System.nanoTime();
    inner.publish(room, broadcast);
    metrics.fanout(broadcast.kind(), System.nanoTime() - start);
  }
}
