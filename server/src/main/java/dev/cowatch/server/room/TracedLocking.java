package dev.cowatch.server.room;

import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.platform.trace.Tracing;
import java.util.function.Supplier;

/**
 * A room's locking whose work carries the caller's current span: a cluster node runs a decision holding the room's
 * lease on a thread of its own (see the Redis room locks), where the decision's steps would otherwise start no
 * spans at all, having no parent there.
 */
final class TracedLocking implements RoomLocking {
  private final RoomLocking locks;
  private final Tracing tracing;

  private TracedLocking(RoomLocking locks, Tracing tracing) {
    this.locks = locks;
    this.tracing = tracing;
  }

  /** {@code locks} as they are when nothing is traced. */
  static RoomLocking of(RoomLocking locks, Tracing tracing) {
    return tracing == Tracing.OFF ? locks : new TracedLocking(locks, tracing);
  }

  @Override
  public <T> T call(RoomId roomId, Supplier<T> work) {
    return locks.call(roomId, tracing.carried(work));
  }

  @Override
  public boolean runIfFree(RoomId roomId, Runnable work) {
    Supplier<Void> carried = tracing.carried(() -> {
      work.run();
      return null;
    });
    return locks.runIfFree(roomId, carried::get);
  }
}
