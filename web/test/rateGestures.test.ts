import { describe, expect, it } from 'vitest';
import { rateChosenByPerson } from '../src/engine/rateGestures';
import { TOLERANCES } from '../src/engine/tolerances';
import file from '../../core/src/test/resources/sync/rate-gesture-vectors.json';

/** The shared rate-gesture vectors (core RateGesturesVectorsTest runs the same file on the Java rule). */
interface Case {
  readonly name: string;
  readonly timelineRate: number;
  readonly playerRate: number;
  readonly person: boolean;
}

describe('rate gestures (shared vectors)', () => {
  const cases = (file as { cases: Case[] }).cases;
  it('has cases', () => expect(cases.length).toBeGreaterThan(10));
  for (const c of cases) {
    it(c.name, () => expect(rateChosenByPerson(c.playerRate, c.timelineRate, TOLERANCES)).toBe(c.person));
  }
});
