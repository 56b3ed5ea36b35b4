package dev.cowatch.client;

import dev.cowatch.core.room.Corrections;
import dev.cowatch.core.sync.HealthReporting;

/**
 * When a player's health (drift and round trip) is reported: as core's {@link HealthReporting}
 * says (as soon as the clock is synced on a connection, then on a change that matters, at least
 * once a minute), asked every {@link #CHECK_MS}. Not thread-safe: one caller.
 */
public final class HealthReports {
  /** How often {@link #due} is asked: the delay of the first report after the clock is synced. */
  static final long CHECK_MS = 1_000;

  private final HealthReporting rule = new HealthReporting();

  HealthReports() {}

  /** Whether a report of these figures is due now; {@code ready} is false while disconnected or the clock unsynced. */
  boolean due(boolean ready, double nowMs, double driftMs, double rttMs) {
    return rule.due(ready, nowMs, driftMs, rttMs);
  }

  /** The same, with the controller's correction totals: one not reported yet makes a report due too. */
  boolean due(boolean ready, double nowMs, double driftMs, double rttMs, long nudgesTotal, long seeksTotal) {
    return rule.due(ready, nowMs, driftMs, rttMs, nudgesTotal, seeksTotal);
  }

  /** What a due report carries of the controller's corrections (totals so far): those since the last report. */
  Corrections takeCorrections(long nudgesTotal, long seeksTotal) {
    return rule.takeCorrections(nudgesTotal, seeksTotal);
  }
}
