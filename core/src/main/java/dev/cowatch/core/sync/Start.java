package dev.cowatch.core.sync;

import dev.cowatch.core.Tolerances;

/**
 * A start the player was told to make ahead of its instant by its start latency, from the plan until its
 * error has taught that latency: pending until it fires, then settling. The controller holds one start or
 * none.
 */
sealed interface Start {
  /** How far ahead of the instant play() was (or is to be) called. */
  double leadMs();

  /**
   * play() is due {@code leadMs} before {@code instantMs} (server time). {@code catchUp}: planned by a
   * catch-up on the timeline of its step, not the room's scheduled instant; a new timeline cancels it.
   */
  record Pending(double instantMs, double leadMs, boolean catchUp) implements Start {
    /** The start has fired: it comes up to speed until the settle time has passed. */
    Settling settling(Tolerances tolerances) {
      return new Settling(instantMs + tolerances.startSettleMs(), leadMs);
    }
  }

  /** Fired, and left alone until {@code untilMs} (server time); then its error says how early play() should be. */
  record Settling(double untilMs, double leadMs) implements Start {}
}
