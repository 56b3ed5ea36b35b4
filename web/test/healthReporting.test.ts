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
}

describe('HealthReporting (shared vectors)', () => {
  for (const c of file.cases as ReadonlyArray<{ name: string; steps: ReadonlyArray<Step> }>) {
    it(c.name, () => {
      const reporting = new HealthReporting();
      expect(c.steps.length).toBeGreaterThan(0);
      c.steps.forEach((s, i) => {
        expect(reporting.due(s.ready, s.t, s.driftMs, s.rttMs), `step ${i} at t=${s.t}`).toBe(s.due);
      });
    });
  }
});
