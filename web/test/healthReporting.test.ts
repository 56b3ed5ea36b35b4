import { describe, expect, it } from 'vitest';
import { HealthReporting } from '../src/engine/healthReporting';
import file from '../../core/src/test/resources/sync/health-report-vectors.json';

/** The shared vectors core's HealthReportingVectorsTest runs on the Java rule. */
interface Step {
  readonly t: number;
  readonly ready: boolean;
  readonly driftMs: number;
  readonly rttMs: number;
  readonly due: boolean;
  /** The controller's totals so far; with them, a due step also takes its corrections. */
  readonly nudges?: number;
  readonly seeks?: number;
  readonly report?: { readonly nudges: number; readonly seeks: number };
}

describe('HealthReporting (shared vectors)', () => {
  for (const c of file.cases as ReadonlyArray<{ name: string; steps: ReadonlyArray<Step> }>) {
    it(c.name, () => {
      const reporting = new HealthReporting();
      expect(c.steps.length).toBeGreaterThan(0);
      c.steps.forEach((s, i) => {
        const due = s.nudges === undefined
          ? reporting.due(s.ready, s.t, s.driftMs, s.rttMs)
          : reporting.due(s.ready, s.t, s.driftMs, s.rttMs, s.nudges, s.seeks ?? 0);
        expect(due, `step ${i} at t=${s.t}`).toBe(s.due);
        if (due && s.nudges !== undefined) {
          expect(reporting.takeCorrections(s.nudges, s.seeks ?? 0), `step ${i}: the report's corrections`).toEqual(s.report);
        }
      });
    });
  }
});
