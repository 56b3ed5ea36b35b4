package dev.cowatch.server.room.ws;

import dev.cowatch.server.platform.Refusal;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member whose connection closed while its room could not be asked (in a cluster: Redis away, or another node
 * holding the room's lease past the wait, seen when 50,000 viewers left at once) is marked disconnected later: asked
 * again after each pause, on a thread of its own, until the room answers. Without it the member stayed shown as
 * connected, with no connection, until it resumed. Safe to ask again: the room lets go only of a connection that
 * still speaks for the member, so one that resumed meanwhile stays.
 */
final class LateDepartures {
  private static final Logger log = LoggerFactory.getLogger(LateDepartures.class);
  /** About ten minutes in all: past a Redis restart or a join storm, not for ever. */
  static final long[] PAUSES_MS = {1_000, 2_000, 5_000, 10_000, 30_000, 60_000, 120_000, 180_000, 180_000};

  /** Waits between tries (a test's fake one returns at once). */
  interface Pause {
    void sleep(long ms) throws InterruptedException;
  }

  private LateDepartures() {}

  /** Starts asking {@code departure} again in the background; {@code what} names the member in the logs. */
  static void start(String what, BooleanSupplier departure) {
    Thread.ofVirtual().name("late-departure").start(() -> askAgain(what, departure, Thread::sleep));
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
