import { describe, expect, it } from 'vitest';
import { ClockEstimator, clockSample } from '../src/engine/clock';
import file from '../../core/src/test/resources/sync/clock-estimator-vectors.json';

/** The shared vectors core's ClockEstimatorVectorsTest runs on the Java estimator. */
interface Case {
  readonly name: string;
  readonly capacity: number;
  readonly bestOf: number;
  readonly exchanges: ReadonlyArray<readonly [number, number, number, number]>;
  readonly offsetMs: number;
  readonly uncertaintyMs: number | null;
  readonly rttMs: number;
}

describe('ClockEstimator (shared vectors)', () => {
  for (const c of file.cases as unknown as ReadonlyArray<Case>) {
    it(c.name, () => {
      const e = new ClockEstimator(c.capacity, c.bestOf);
      for (const [t0, t1, t2, t3] of c.exchanges) e.add(clockSample(t0, t1, t2, t3));
      expect(e.offsetMs).toBeCloseTo(c.offsetMs, 6);
      expect(e.rttMs).toBeCloseTo(c.rttMs, 6);
      if (c.uncertaintyMs === null) expect(e.uncertaintyMs).toBe(Infinity);
      else expect(e.uncertaintyMs).toBeCloseTo(c.uncertaintyMs, 6);
    });
  }
});
