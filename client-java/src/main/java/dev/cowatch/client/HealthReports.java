package dev.cowatch.client;

/**
 * When a player's health (drift and round trip) is reported: once as soon as the clock is synced on
 * a connection, then every {@link #PERIOD_MS}. The server passes reports on to the room at most every
 * 5 s, so reporting more often would only cost every viewer and the server a message a second.
 * Twin of the rule in the web app's {@code playerSync.ts}. Not thread-safe: one caller.
 */
public final class HealthReports {
  public static final long PERIOD_MS = 5_000;
  /** How often {@link #due} is asked: the delay of the first report after the clock is synced. */
  static final long CHECK_MS = 1_000;

  private double reportedAtMs = Double.NaN;

  HealthReports() {}

  /** Whether a report is due now; {@code ready} is false while disconnected or the clock unsynced. */
  boolean due(boolean ready, double nowMs) {
    if (!ready) {
      reportedAtMs = Double.NaN; // a new connection reports as soon as it is synced
      return false;
    }
    if (!Double.isNaN(reportedAtMs) && nowMs - reportedAtMs < PERIOD_MS) return false;
    reportedAtMs = nowMs;
    return true;
  }
}
