/**
 * When a player reports its sync health (drift against the room and round trip): as soon as its
 * clock is synced on a connection, then only when a figure has changed enough to matter, at most
 * every MIN_SPACING_MS and at least every MAX_QUIET_MS. Twin of
 * core/src/main/java/dev/cowatch/core/sync/HealthReporting.java, where each value's reason is
 * written; both run core/src/test/resources/sync/health-report-vectors.json.
 */
export const MIN_SPACING_MS = 5_000;
export const MAX_QUIET_MS = 60_000;
export const DRIFT_CHANGE_MS = 5;
export const RTT_CHANGE_MS = 20;
/** The most of each kind of correction one report carries (core's Corrections.MAX_PER_REPORT). */
export const MAX_CORRECTIONS_PER_REPORT = 10_000;

/** Corrections a report carries: rate nudges begun and seeks back onto the timeline. */
export interface Corrections {
  readonly nudges: number;
  readonly seeks: number;
}

export class HealthReporting {
  private reportedAtMs: number | undefined;
  private reportedDriftMs = 0;
  private reportedRttMs = 0;
  private reportedNudges = 0;
  private reportedSeeks = 0;

  /**
   * Whether a report of these figures is due now; when it is, they count as reported. With the
   * controller's correction totals, one not reported yet is news too (take them with takeCorrections).
   */
  due(ready: boolean, nowMs: number, driftMs: number, rttMs: number,
    nudgesTotal = this.reportedNudges, seeksTotal = this.reportedSeeks): boolean {
    if (!ready) {
      this.reportedAtMs = undefined; // a new connection reports as soon as it is synced
      return false;
    }
    if (this.reportedAtMs !== undefined) {
      const since = nowMs - this.reportedAtMs;
      if (since < MIN_SPACING_MS) return false;
      const changed =
        Math.abs(driftMs - this.reportedDriftMs) >= DRIFT_CHANGE_MS || Math.abs(rttMs - this.reportedRttMs) >= RTT_CHANGE_MS
        || nudgesTotal !== this.reportedNudges || seeksTotal !== this.reportedSeeks;
      if (!changed && since < MAX_QUIET_MS) return false;
    }
    this.reportedAtMs = nowMs;
    this.reportedDriftMs = driftMs;
    this.reportedRttMs = rttMs;
    return true;
  }

  /**
   * The corrections a report that is going carries: those made since the previous report, from the
   * controller's totals (a new controller counts from zero again, and so does this); at most
   * MAX_CORRECTIONS_PER_REPORT of each, the rest with the next report.
   */
  takeCorrections(nudgesTotal: number, seeksTotal: number): Corrections {
    if (nudgesTotal < this.reportedNudges) this.reportedNudges = 0;
    if (seeksTotal < this.reportedSeeks) this.reportedSeeks = 0;
    const nudges = Math.min(nudgesTotal - this.reportedNudges, MAX_CORRECTIONS_PER_REPORT);
    const seeks = Math.min(seeksTotal - this.reportedSeeks, MAX_CORRECTIONS_PER_REPORT);
    this.reportedNudges += nudges;
    this.reportedSeeks += seeks;
    return { nudges, seeks };
  }
}
