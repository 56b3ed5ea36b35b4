package dev.cowatch.client.peer;

import dev.cowatch.core.peer.PeerAuthority;
import java.util.ArrayList;
import java.util.List;

/**
 * The timers of one return to the server (docs/protocol.md 3.12, "Hand-back"), the twin of
 * {@code web/src/p2p/returnSchedule.ts}: hand the peers' timeline back after this member's place in the
 * authority order, and give up waiting for anyone's hand-back a few steps later. Each {@code joined}
 * starts a new return and cancels the last one's timers (a socket that closes and opens again while
 * returning must not give up on a stale turn). Not thread-safe: the caller holds its lock.
 */
final class ReturnSchedule {
  /** Steps after the last place that may hand back before a member stops waiting for a hand-back. */
  static final int GIVE_UP_STEPS = 3;

  /** Runs a task once after a delay; returns how to cancel it. */
  @FunctionalInterface
  interface Timers {
    Runnable schedule(Runnable task, long delayMs);
  }

  private final Timers timers;
  private final List<Runnable> cancels = new ArrayList<>();

  ReturnSchedule(Timers timers) {
    this.timers = timers;
  }

  /**
   * A new return: {@code handBackAfterMs} is when this member hands back (null: it may not, and waits for
   * the {@code candidates} before it); the give-up comes GIVE_UP_STEPS steps after the last of those.
   */
  void start(Long handBackAfterMs, int candidates, Runnable handBack, Runnable giveUp) {
    cancel();
    long lastTurnMs = handBackAfterMs != null ? handBackAfterMs : candidates * PeerAuthority.HAND_BACK_STEP_MS;
    if (handBackAfterMs != null) cancels.add(timers.schedule(handBack, handBackAfterMs));
    cancels.add(timers.schedule(giveUp, lastTurnMs + GIVE_UP_STEPS * PeerAuthority.HAND_BACK_STEP_MS));
  }

  /** The return is over (the server's timeline came, or the client closes): nothing more happens. */
  void cancel() {
    cancels.forEach(Runnable::run);
    cancels.clear();
  }
}
