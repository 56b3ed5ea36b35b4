package dev.cowatch.server.room.redis;

import dev.cowatch.core.room.RoomId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Platform threads that run a room's decision while its node holds the room's lease in Redis. A decision makes
 * several round trips to Redis (read the room, compare-and-set it, the member's session, the broadcast), and on a
 * virtual thread each reply puts it back at the end of the queue of every runnable virtual thread of the node: in a
 * join storm (thousands of sockets saying hello, pinging, reporting, on two cores) that queue was a few hundred
 * tasks long, each round trip waited 35-250 ms for its turn, a join held the lease for half a second to four, and
 * the other nodes' joins for the room gave up after waiting 6 s. A platform thread is woken by the kernel's
 * scheduler, fairly among threads, not behind every socket's work: what holds a lease the others wait for gets the
 * machine first.
 *
 * <p>A caller that is already a platform thread (a timer) runs the decision itself. A decision that calls into its
 * own room again (reentrancy) runs on inside. The pool is bounded; decisions past it queue in arrival order.
 */
final class LeaseHolders {
  /** Rooms decided at once on a node: each mostly waits for Redis, so many more than the cores. */
  static final int THREADS = 64;

  private final ExecutorService pool;
  /** The room whose decision this thread runs, for reentrant calls from inside it. */
  private final ThreadLocal<RoomId> deciding = new ThreadLocal<>();

  LeaseHolders() {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "cowatch-room-decision-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    // Threads come and go with the load: a quiet node keeps none (they are daemons, and a node's lifetime long).
    executor.allowCoreThreadTimeOut(true);
    this.pool = executor;
  }

  /** Whether this thread is running a decision for {@code roomId} (a reentrant call from inside it). */
  boolean deciding(RoomId roomId) {
    return roomId.equals(deciding.get());
  }

  /** Runs {@code work} for the room on one of these threads (on this one if it is not virtual) and returns its result. */
  <T> T run(RoomId roomId, Supplier<T> work) {
    if (!Thread.currentThread().isVirtual()) return decide(roomId, work);
    try {
      return CompletableFuture.supplyAsync(() -> decide(roomId, work), pool).join();
    } catch (CompletionException e) {
      // What the decision threw, as it threw it: a refusal reaches the socket as a refusal.
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw e;
    }
  }

  private <T> T decide(RoomId roomId, Supplier<T> work) {
    RoomId outer = deciding.get();
    deciding.set(roomId);
    try {
      return work.get();
    } finally {
      if (outer == null) deciding.remove();
      else deciding.set(outer);
    }
  }
}
