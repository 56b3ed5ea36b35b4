package dev.cowatch.server.room.live;

import dev.cowatch.core.room.RoomId;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The locks that serialize each room's decisions on one node. Striped, so that the number of locks
 * stays fixed however many rooms come and go; two rooms may share a stripe, never one room two.
 */
public final class RoomLocks implements RoomLocking {
  private final ReentrantLock[] stripes;

  public RoomLocks(int stripes) {
    this.stripes = new ReentrantLock[stripes];
    for (int i = 0; i < stripes; i++) this.stripes[i] = new ReentrantLock();
  }

  @Override
  public <T> T call(RoomId roomId, Supplier<T> work) {
    ReentrantLock lock = stripes[Math.floorMod(roomId.hashCode(), stripes.length)];
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }
}
