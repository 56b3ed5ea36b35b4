package dev.cowatch.server.room.ws;

import dev.cowatch.server.platform.Refusal;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member whose connection closed while its room could not be asked (in a cluster: Redis away, or another node
 * holding the room's lease past the wait, seen when 50,000 viewers left at once) is marked disconnected later: asked
 * again after each pause, on a thread of its own, until the room answers. Without it the member stayed shown as
 * connected, with no connection, until it resumed. Safe to ask again: the room lets go only of a connection that
 * still speaks for the member, so one that resumed meanwhile stays. One per node: a node that stops ends the asking
 * before it closes its Redis client (which the next try would otherwise meet, and die of).
 */
final class LateDepartures {
  private static final Logger log = LoggerFactory.getLogger(LateDepartures.class);
  /** About ten minutes in all: past a Redis restart or a join storm, not for ever. */
  static final long[] PAUSES_MS = {1_000, 2_000, 5_000, 10_000, 30_000, 60_000, 120_000, 180_000, 180_000};

  /** Waits between tries (a test's fake one returns at once). */
  interface Pause {
    void sleep(long ms) throws InterruptedException;
  }

  private final Pause pause;
  private final Set<Thread> asking = ConcurrentHashMap.newKeySet();
  /** The node is stopping: nothing more is started, and a try that fails from now on met the closing client. */
  private volatile boolean stopped;

  LateDepartures() {
    this(Thread::sleep);
  }

  LateDepartures(Pause pause) {
    this.pause = pause;
  }

  /**
   * Starts asking {@code departure} again in the background; {@code what} names the member in the logs. Once the node
   * stops, nothing is started: a connection closing during the stop would otherwise begin asking after
   * {@link #stop} looked, and meet the closed Redis client.
   */
  synchronized void start(String what, BooleanSupplier departure) {
    if (stopped) {
      log.debug("not asking again for {}: the node is stopping", what);
      return;
    }
    Thread t = Thread.ofVirtual().name("late-departure").unstarted(() -> {
      try {
        askAgain(what, departure, pause);
      } catch (RuntimeException e) {
        // A try under way when the node stopped (stop waits only so long) meets the closed client: the stop's
        // doing, not a bug. Seen as an uncaught IllegalStateException from Lettuce's stopped timer (2026-11-28).
        if (!stopped) throw e;
        log.debug("stopped asking again for {}: {}", what, e.toString());
      } finally {
        asking.remove(Thread.currentThread());
      }
    });
    asking.add(t);
    t.start();
  }

  /**
   * Stops asking (the node is stopping): each one's wait ends, and it is not asked again. Returns how many were still
   * waiting for their room, once they ended or {@code bound} passed.
   */
  int stop(Duration bound) {
    Set<Thread> left;
    synchronized (this) {
      stopped = true;
      left = Set.copyOf(asking);
    }
    for (Thread t : left) t.interrupt();
    long deadline = System.nanoTime() + bound.toNanos();
    try {
      for (Thread t : left) t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return left.size();
  }

  /** Asks after each pause until the room answers; whether it did. */
  static boolean askAgain(String what, BooleanSupplier departure, Pause pause) {
    for (long ms : PAUSES_MS) {
      try {
        pause.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      try {
        if (departure.getAsBoolean()) log.info("member disconnected, late {}", what);
        return true;
      } catch (Refusal stillUnavailable) {
        log.debug("still could not mark member disconnected {}: {}", what, stillUnavailable.getMessage());
      }
    }
    log.warn("gave up marking member disconnected {}: the room did not answer for {} s", what, totalSeconds());
    return false;
  }

  static long totalSeconds() {
    long ms = 0;
    for (long p : PAUSES_MS) ms += p;
    return ms / 1_000;
  }
}
