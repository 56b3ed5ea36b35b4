package dev.cowatch.server.room.redis;

import java.time.Duration;

/**
 * When a node that holds a room's lease in Redis passes it on to its own next decision for that
 * room instead of giving it back, and how long a node that gave it back waits before asking again.
 * Pure: every instant is passed in (nanoseconds of a monotonic clock).
 *
 * <p>Why: in a join storm (ten members of a room joining over three nodes at once) each join took the
 * lease on its own, so a room's joins queued up one Redis lease after another, each behind a node
 * that polled for it; on two saturated cores some waited the whole {@link RedisRoomLocks#WAIT} and
 * were refused. A node whose next decision for the room is already waiting keeps the lease for it: a
 * node's queue for a room costs one lease, not one per decision. Bounded by {@link #maxHold}, so the
 * other nodes still get their turn, and after giving it back for that reason the node lets them ask
 * first ({@link #pause}). A node waiting for another's lease is woken by its release notice, and asks
 * anyway after {@link #unwokenRetry} without one.
 */
record LeaseTurns(Duration maxHold, Duration pause, Duration unwokenRetry) {
  /**
   * A node's queue for one room holds the lease at most this long: a few joins' worth on a saturated
   * machine (a join took 20-100 ms there), far below the 6 s another node may wait.
   */
  static final Duration MAX_HOLD = Duration.ofMillis(250);
  /**
   * How long a node waiting for another node's lease waits for its release notice before asking anyway:
   * the notice wakes it at once; this only covers a notice lost with a connection, and a lease that lapsed
   * (a holder killed with it never gives it back). Before the notices each waiting node polled every 1, 2,
   * 4, 8, then 10 ms: in a join storm, tens of thousands of Redis commands a second on the same two cores.
   */
  static final Duration UNWOKEN_RETRY = Duration.ofMillis(50);
  /**
   * Longer than another node takes to hear the release notice and ask (a round trip to Redis on a busy
   * machine; with 15 ms and polling every 10 ms this node still won the race now and then in tests).
   */
  static final Duration PAUSE = Duration.ofMillis(30);

  static LeaseTurns standard() {
    return new LeaseTurns(MAX_HOLD, PAUSE, UNWOKEN_RETRY);
  }

  LeaseTurns(Duration maxHold, Duration pause) {
    this(maxHold, pause, UNWOKEN_RETRY);
  }

  /**
   * Whether a decision that ends at {@code now} passes the lease, taken at {@code heldSince}, on to
   * this node's next decision for the room rather than giving it back.
   */
  boolean passOn(boolean anotherWaitsHere, long heldSince, long now) {
    return anotherWaitsHere && now - heldSince < maxHold.toNanos();
  }

  /**
   * How long (ns) this node waits before asking for the lease again: {@code yielded} when it last gave
   * it back at {@code yieldedAt} with its own decisions still waiting; otherwise nobody elsewhere is
   * owed a turn by this node, and it asks at once.
   */
  long waitBeforeAsking(boolean yielded, long yieldedAt, long now) {
    if (!yielded) return 0;
    return Math.max(0, yieldedAt + pause.toNanos() - now);
  }
}
