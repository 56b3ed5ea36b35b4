package dev.cowatch.core.sync;

import dev.cowatch.core.room.Corrections;
import dev.cowatch.core.room.HealthNews;

/**
 * When a player reports its sync health (drift against the room and round trip): as soon as its
 * clock is synced on a connection, then only when a figure has changed enough to matter, at most
 * every {@link #MIN_SPACING_MS} and at least every {@link #MAX_QUIET_MS}. A viewer in steady sync
 * then costs the server a report a minute instead of one every 5 s (issue 22: idle clients must be
 * cheap), while the members panel and the room's sync figures still hear every change that counts.
 * Not thread-safe: one caller. The web app's twin is web/src/engine/healthReporting.ts; both run
 * core/src/test/resources/sync/health-report-vectors.json.
 */
public final class HealthReporting {
  /** The server passes reports on to the room at most every 5 s: more often would be wasted. */
  public static final long MIN_SPACING_MS = 5_000;
  /** Even unchanged, a report this often: the room's figures show the player is still there and well. */
  public static final long MAX_QUIET_MS = 60_000;
  /** A drift that moved by this much is news ({@link HealthNews}). */
  public static final double DRIFT_CHANGE_MS = HealthNews.DRIFT_CHANGE_MS;
  /** A round trip that moved by this much is news ({@link HealthNews}). */
  public static final double RTT_CHANGE_MS = HealthNews.RTT_CHANGE_MS;

  private double reportedAtMs = Double.NaN;
  private long reportedNudges;
  private long reportedSeeks;
  private double reportedDriftMs;
  private double reportedRttMs;

  /**
   * Whether a report of these figures is due now; when it is, they count as reported. {@code ready}
   * is false while disconnected or the clock is unsynced: the next connection reports at once.
   */
  public boolean due(boolean ready, double nowMs, double driftMs, double rttMs) {
    return due(ready, nowMs, driftMs, rttMs, reportedNudges, reportedSeeks);
  }

  /**
   * The same for a player whose controller has made {@code nudgesTotal} and {@code seeksTotal}
   * corrections so far: one not reported yet is news too (a correction usually brings the drift back
   * to where it was last reported, which alone would wait a minute). Take them with {@link #takeCorrections}.
   */
  public boolean due(boolean ready, double nowMs, double driftMs, double rttMs, long nudgesTotal, long seeksTotal) {
    if (!ready) {
      reportedAtMs = Double.NaN;
      return false;
    }
    if (!Double.isNaN(reportedAtMs)) {
      double since = nowMs - reportedAtMs;
      if (since < MIN_SPACING_MS) return false;
      boolean changed = HealthNews.moved(reportedDriftMs, reportedRttMs, driftMs, rttMs)
          || nudgesTotal != reportedNudges || seeksTotal != reportedSeeks;
      if (!changed && since < MAX_QUIET_MS) return false;
    }
    reportedAtMs = nowMs;
    reportedDriftMs = driftMs;
    reportedRttMs = rttMs;
    return true;
  }

  /**
   * The corrections a report that is going carries: those its player made since the previous report,
   * from its controller's totals ({@link SyncController#nudges()}, {@link SyncController#seeks()}). A new
   * controller (a new player) counts from zero again, and so does this. At most
   * {@link Corrections#MAX_PER_REPORT} of each go at once; the rest wait for the next report. They count
   * as reported from here on.
   */
  public Corrections takeCorrections(long nudgesTotal, long seeksTotal) {
    if (nudgesTotal < reportedNudges) reportedNudges = 0;
    if (seeksTotal < reportedSeeks) reportedSeeks = 0;
    long nudges = Math.min(nudgesTotal - reportedNudges, Corrections.MAX_PER_REPORT);
    long seeks = Math.min(seeksTotal - reportedSeeks, Corrections.MAX_PER_REPORT);
    reportedNudges += nudges;
    reportedSeeks += seeks;
    return new Corrections(nudges, seeks);
  }
}
