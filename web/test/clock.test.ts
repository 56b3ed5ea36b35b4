import { describe, expect, it } from 'vitest';
import { ClockEstimator, clockSample } from '../src/engine/clock';

describe('clockSample', () => {
  it('computes offset and delay like NTP', () => {
    const s = clockSample(0, 1_050, 1_060, 110);
    expect(s.offsetMs).toBe(1_000);
    expect(s.delayMs).toBe(100);
  });
});

describe('ClockEstimator', () => {
  it('averages the offsets of the fastest samples', () => {
    const e = new ClockEstimator(16, 2);
    e.add({ offsetMs: 1_010, delayMs: 100 });
    e.add({ offsetMs: 1_002, delayMs: 40 });
    e.add({ offsetMs: 998, delayMs: 41 });
    expect(e.offsetMs).toBe(1_000);
    expect(e.rttMs).toBe(40);
  });
  it('keeps only the last samples', () => {
    const e = new ClockEstimator(2, 1);
    e.add({ offsetMs: 1, delayMs: 1 });
    e.add({ offsetMs: 2, delayMs: 50 });
    e.add({ offsetMs: 3, delayMs: 60 });
    expect(e.size).toBe(2);
    expect(e.offsetMs).toBe(2);
  });
  it('suspects a clock step when a fast sample disagrees', () => {
    const e = new ClockEstimator(8, 4);
    for (let i = 0; i < 8; i++) e.add({ offsetMs: 500, delayMs: 40 + i });
    expect(e.suggestsShift({ offsetMs: 540, delayMs: 41 }, 25)).toBe(true);
    expect(e.suggestsShift({ offsetMs: 540, delayMs: 200 }, 25)).toBe(false);
    expect(e.suggestsShift({ offsetMs: 510, delayMs: 41 }, 25)).toBe(false);
  });
});
