package dev.cowatch.server.room.metrics;

import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.room.bus.Broadcast;
import dev.cowatch.server.room.bus.RoomBus;

/**
 * The bus with the time each publish takes: on this node's in-memory bus a publish returns once every
 * connection of the room here has the broadcast in its outbox (LocalDelivery), which is the fan-out
 * an operator wants to see. Two {@code nanoTime} reads per broadcast, not per member.
 */
public final class MeasuredRoomBus implements RoomBus {
  private final RoomBus inner;
  private final RoomMetrics metrics;

  public MeasuredRoomBus(RoomBus inner, RoomMetrics metrics) {
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
