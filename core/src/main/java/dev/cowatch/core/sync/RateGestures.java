package dev.cowatch.core.sync;

import dev.cowatch.core.Tolerances;

/**
 * Whether a rate a player reports is a person's choice, to be sent to the room, or a drift correction
 * of this client's own seen late. A correction's event is normally taken for ours by the echo guard;
 * one a busy player applies after the guard stopped waiting (VLC's HTTP interface under load was seen
 * to) must not become the room's rate. People choose rates like 1.25 or 0.75 (mpv's smallest step is
 * 10 %), never one within a nudge of the room's. web/src/engine/rateGestures.ts holds the same rule;
 * core/src/test/resources/sync/rate-gesture-vectors.json binds the two.
 */
public final class RateGestures {
  /** VLC's rates come in its own steps (1.05 becomes 1.0504): a nudge may be reported this much further off. */
  static final double REPORTING_SLACK = 0.01;

  private RateGestures() {}

  public static boolean chosenByPerson(double playerRate, double timelineRate, Tolerances tolerances) {
    return Math.abs(playerRate / timelineRate - 1) > tolerances.maxNudge() + REPORTING_SLACK;
  }
}
