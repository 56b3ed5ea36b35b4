package dev.cowatch.server.room.live;

import dev.cowatch.core.room.RoomId;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Port: serializes each room's decisions. One node needs a lock per room ({@link RoomLocks}); a
 * cluster also needs one across nodes, so that two nodes do not decide for the same room at once
 * (the store's compare-and-set still catches it if they do).
 */
public interface RoomLocking {
  /** Runs {@code work} holding the room's lock and returns what it returns. Reentrant. */
  <T> T call(RoomId roomId, Supplier<T> work);

  /** Runs {@code work} holding the room's lock. */
  default void run(RoomId roomId, Runnable work) {
    call(roomId, () -> {
      work.run();
      return null;
    });
  }

  /**
   * {@link #run}, but once this node's lock for the room is had, {@code needless} is asked first: if it says so the
   * work is skipped, and in a cluster no lease is asked of another node for nothing (a join that another join's
   * thread decided while this one waited for the lock).
   */
  default void runUnless(RoomId roomId, BooleanSupplier needless, Runnable work) {
    run(roomId, () -> {
      if (!needless.getAsBoolean()) work.run();
    });
  }

  /**
   * Runs {@code work} holding the room's lock if it can be had without waiting for another node (whose lease on the
   * room a cluster's node would otherwise wait for); true if it ran. One node alone takes its lock as {@link #run}.
   */
  default boolean runIfFree(RoomId roomId, Runnable work) {
    run(roomId, work);
    return true;
  }
}
