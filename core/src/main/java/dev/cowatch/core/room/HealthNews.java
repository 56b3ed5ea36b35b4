package dev.cowatch.core.room;

/**
 * When a player's sync figures (its drift against the room, its round trip) have moved enough to be
 * news: the rule by which a player reports a change (see dev.cowatch.core.sync.HealthReporting and
 * its web twin), and by which the room takes a report as one. A report that moved neither figure and
 * brings no corrections changes nothing the room keeps (see Membership#report): what the room shows
 * stays within the player's own precision. Pure.
 */
public final class HealthNews {
  /** A drift that moved by this much is news: about a third of a frame at 60 fps. */
  public static final double DRIFT_CHANGE_MS = 5;
  /** A round trip that moved by this much is news (another network, a congested one). */
  public static final double RTT_CHANGE_MS = 20;

  private HealthNews() {}

  public static boolean moved(double driftWasMs, double rttWasMs, double driftMs, double rttMs) {
    return Math.abs(driftMs - driftWasMs) >= DRIFT_CHANGE_MS || Math.abs(rttMs - rttWasMs) >= RTT_CHANGE_MS;
  }

  /**
   * Whether a report of {@code driftMs}, {@code rttMs} and these corrections is news to a room that keeps
   * {@code driftWasMs} and {@code rttWasMs} for the member (NaN: none yet, so any report is). A figure that is not
   * a finite number is news too: the room refuses it, and says why.
   */
  public static boolean isNews(double driftWasMs, double rttWasMs, double driftMs, double rttMs, int nudges,
      int seeks) {
    if (Double.isNaN(driftWasMs) || Double.isNaN(rttWasMs) || nudges != 0 || seeks != 0) return true;
    if (!Double.isFinite(driftMs) || !Double.isFinite(rttMs)) return true;
    return moved(driftWasMs, rttWasMs, driftMs, rttMs);
  }

  /** A kept figure, NaN when there is none. */
  public static double orNaN(Double figure) {
    return figure == null ? Double.NaN : figure;
  }
}
