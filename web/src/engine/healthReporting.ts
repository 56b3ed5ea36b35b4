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

export class HealthReporting {
  private reportedAtMs: number | undefined;
  private reportedDriftMs = 0;
  private reportedRttMs = 0;

  /** Whether a report of these figures is due now; when it is, they count as reported. */
  due(ready: boolean, nowMs: number, driftMs: number, rttMs: number): boolean {
    if (!ready) {
      this.reportedAtMs = undefined; // a new connection reports as soon as it is synced
      return false;
    }
    if (this.reportedAtMs !== undefined) {
      const since = nowMs - this.reportedAtMs;
      if (since < MIN_SPACING_MS) return false;
      const changed =
        Math.abs(driftMs - this.reportedDriftMs) >= DRIFT_CHANGE_MS || Math.abs(rttMs - this.reportedRttMs) >= RTT_CHANGE_MS;
      if (!changed && since < MAX_QUIET_MS) return false;
    }
    this.reportedAtMs = nowMs;
    this.reportedDriftMs = driftMs;
    this.reportedRttMs = rttMs;
    return true;
  }
}
