package dev.cowatch.server.room;

import dev.cowatch.core.room.RoomId;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The locks that serialize each room's decisions. Striped, so that the number of locks stays fixed
 * however many rooms come and go; two rooms may share a stripe, never one room two.
 */
final class RoomLocks {
  private final ReentrantLock[] stripes;

  RoomLocks(int stripes) {
    this.stripes = new ReentrantLock[stripes];
    for (int i = 0; i < stripes; i++) this.stripes[i] = new ReentrantLock();
  }

  /** Runs {@code work} holding the room's lock and returns what it returns. */
  <T> T call(RoomId roomId, Supplier<T> work) {
    ReentrantLock lock = stripes[Math.floorMod(roomId.hashCode(), stripes.length)];
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }

  /** Runs {@code work} holding the room's lock. */
  void run(RoomId roomId, Runnable work) {
    call(roomId, () -> {
      work.run();
      return null;
    });
  }
}
