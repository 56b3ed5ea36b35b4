package dev.cowatch.server.room.ws;

import dev.cowatch.server.platform.Refusal;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How many hellos this node answers at once ({@code Limits.joinsAtOnce}); the others wait their turn in the order
 * they came, their connections read meanwhile (pings answered, the rest held: {@link HeldForHello}).
 *
 * <p>Why a bound helps a crowd arriving at once: answering a hello is a few round trips (the token, the roster row,
 * the room's lease, its read and compare-and-set, the chat history), each of which hands the thread back to the
 * scheduler. With every hello of a 1,500-client storm runnable at once, a thread holding a room's lease or one of the
 * 16 database connections came back to a queue of hundreds after each of them: leases were held 5-23 s, other nodes'
 * joins were refused after waiting 15 s for them, and the pool had 600 threads waiting. A node answering a hundred at
 * a time keeps its cores just as busy, and a holder's next step comes within milliseconds. Too small a bound starves
 * the node instead: a hello that has its turn mostly waits for a lease another node holds (32 a node cut a storm from
 * 330 joins a second to 110, tried 2026-11-25).
 */
final class JoinTurns {
  /** A hello still waiting after this long is refused "try again": its node is far behind, and another may not be. */
  static final Duration LONGEST_WAIT = Duration.ofSeconds(60);

  private final Semaphore turns;
  private final Duration longestWait;

  JoinTurns(int atOnce) {
    this(atOnce, LONGEST_WAIT);
  }

  JoinTurns(int atOnce, Duration longestWait) {
    this.turns = new Semaphore(atOnce, true);
    this.longestWait = longestWait;
  }

  /**
   * Runs {@code answer} once a turn is free, in the order the hellos came; false, without running it, when no turn
   * came within the longest wait (or the thread was interrupted waiting): then {@link #busy} is the answer.
   */
  boolean take(Runnable answer) {
    try {
      if (!turns.tryAcquire(longestWait.toMillis(), TimeUnit.MILLISECONDS)) return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    try {
      answer.run();
      return true;
    } finally {
      turns.release();
    }
  }

  /** Hellos waiting for a turn now (an estimate: for metrics and logs). */
  int waiting() {
    return turns.getQueueLength();
  }

  /** What a hello that had no turn is told: try again (close 1013), perhaps on another node. */
  static Refusal busy() {
    return new Refusal(Refusal.Kind.CAPACITY, "unavailable", "this server is answering many joins; try again");
  }
}
