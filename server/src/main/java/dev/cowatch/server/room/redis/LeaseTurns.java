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
 * first ({@link #pause}).
 */
record LeaseTurns(Duration maxHold, Duration pause) {
  /**
   * A node's queue for one room holds the lease at most this long: a few joins' worth on a saturated
   * machine (a join took 20-100 ms there), far below the 6 s another node may wait.
   */
  static final Duration MAX_HOLD = Duration.ofMillis(250);
  /**
   * The longest pause between two attempts at a lease another node holds, as before this class: an
   * active room's intent may wait for a lease a health report holds, and each ms here is fan-out.
   * Fewer attempts early (1, 2, 4, 8 ms rather than 1, 2, 3, ...) and one waiting thread per room and
   * node (the others wait on the node's own lock) keep a join storm from polling Redis on every
   * waiting join.
   */
  static final long MAX_POLL_MS = 10;
  /**
   * Longer than the longest pause between another node's attempts ({@link #MAX_POLL_MS}) plus its
   * round trip to Redis on a busy machine: with 15 ms this node still won the race now and then in tests.
   */
  static final Duration PAUSE = Duration.ofMillis(30);

  static LeaseTurns standard() {
    return new LeaseTurns(MAX_HOLD, PAUSE);
  }

  /**
   * Whether a decision that ends at {@code now} passes the lease, taken at {@code heldSince}, on to
   * this node's next decision for the room rather than giving it back.
   */
  boolean passOn(boolean anotherWaitsHere, long heldSince, long now) {
    return anotherWaitsHere && now - heldSince < maxHold.toNanos();
  }

  /**
   * How long to wait before attempt {@code attempt + 1} at a lease another node holds: 1, 2, 4, 8, then
   * {@link #MAX_POLL_MS} ms. Most decisions take a few ms, so the first attempts come soon.
   */
  long pollDelayMillis(int attempt) {
    return attempt >= 4 ? MAX_POLL_MS : Math.min(MAX_POLL_MS, 1L << attempt);
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
