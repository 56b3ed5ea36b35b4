import { describe, expect, it } from 'vitest';
import { StepClock } from '../src/player/stepClock';

/** A 24 fps film as Firefox plays it: currentTime stands on the shown frame's time until the clock reaches the next. */
const FRAME_MS = 1_000 / 24;
const shown = (clockMs: number) => Math.floor(clockMs / FRAME_MS + 1e-9) * FRAME_MS;

/** A seeded generator (mulberry32): the timers' lateness differs from reading to reading, the same in every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * The engine's readings every 20 ms (each 0-4 ms late, seeded) of a clock given as media time at local time, from
 * `fromMs` to `toMs`; answers the clock's error at each reading after it has read for `settleMs`.
 */
function read(c: StepClock, clock: (t: number) => number, rate: (t: number) => number, fromMs: number, toMs: number,
  seed: number, settleMs = 0): number[] {
  const late = seeded(seed);
  const errors: number[] = [];
  for (let t = fromMs; t < toMs; t += 20) {
    const at = t + 4 * late();
    c.reading(shown(clock(at)), at, rate(at));
    const p = c.positionAt(at, rate(at));
    if (at >= fromMs + settleMs) errors.push(p === undefined ? NaN : p - clock(at));
  }
  return errors;
}

const worst = (errors: number[]) => Math.max(...errors.map(Math.abs));

describe('StepClock', () => {
  it.each([1, 2, 3, 4, 5])('reads a frame-stepping clock within 2 ms once it has read for a second (seed %i)', (seed) => {
    const c = new StepClock();
    const errors = read(c, (t) => 5_000 + (t - 1_000), () => 1, 1_000, 6_000, seed, 1_000);
    // currentTime itself is up to a frame (42 ms) behind, 21 ms at the mean.
    expect(worst(errors)).toBeLessThan(2);
  });

  it('is never further than half a frame off while it learns, and says nothing before it knows a frame', () => {
    const c = new StepClock();
    const errors = read(c, (t) => 5_000 + (t - 1_000), () => 1, 1_000, 2_000, 7);
    const firstKnown = errors.findIndex((e) => !Number.isNaN(e));
    expect(firstKnown).toBeGreaterThanOrEqual(StepClock.STEPS_NEEDED); // a frame's length is learned from steps first
    expect(firstKnown).toBeLessThan(20);
    expect(worst(errors.slice(firstKnown))).toBeLessThanOrEqual(FRAME_MS / 2 + 1);
    expect(c.frameMs).toBeCloseTo(FRAME_MS, 6);
  });

  it('does not wander: a clock steady for 20 s reads steady, where the painted frames wandered by 20 ms', () => {
    const c = new StepClock();
    const errors = read(c, (t) => 30_000 + (t - 1_000), () => 1, 1_000, 21_000, 11, 1_000);
    const perSecond = Array.from({ length: 19 }, (_, s) => errors.slice(s * 50, s * 50 + 50).reduce((a, e) => a + e, 0) / 50);
    expect(Math.max(...perSecond) - Math.min(...perSecond)).toBeLessThan(2);
  });

  it('carries its readings across a rate switch it is told of (Firefox takes a new rate at once)', () => {
    const c = new StepClock();
    // 1.0 until 3 s, then 0.92 (told at the instant it is set), then 1.0 again from 4 s.
    const clock = (t: number) => 5_000 + (t - 1_000) - (Math.min(Math.max(t, 3_000), 4_000) - 3_000) * 0.08;
    const rate = (t: number) => (t >= 3_000 && t < 4_000 ? 0.92 : 1);
    read(c, clock, rate, 1_000, 3_000, 21);
    c.rateSet(3_000, 0.92);
    const slow = read(c, clock, rate, 3_000, 4_000, 22);
    c.rateSet(4_000, 1);
    const after = read(c, clock, rate, 4_000, 5_000, 23);
    expect(worst(slow)).toBeLessThan(3);
    expect(worst(after)).toBeLessThan(3);
  });

  it('starts again on a reading the others do not allow (a seek it was not told of), and follows within a frame', () => {
    const c = new StepClock();
    read(c, (t) => 5_000 + (t - 1_000), () => 1, 1_000, 3_000, 31);
    // Sought to 20 s at 3 s, and a clock 30 ms behind where it was (a jump back smaller than a seek) at 5 s.
    const afterSeek = read(c, (t) => 20_000 + (t - 3_000), () => 1, 3_000, 5_000, 32);
    expect(worst(afterSeek)).toBeLessThanOrEqual(FRAME_MS / 2 + 1);
    expect(worst(afterSeek.slice(50))).toBeLessThan(2);
    const afterJump = read(c, (t) => 21_970 + (t - 5_000), () => 1, 5_000, 7_000, 33);
    expect(worst(afterJump.slice(3))).toBeLessThanOrEqual(FRAME_MS / 2 + 1);
    expect(worst(afterJump.slice(50))).toBeLessThan(2);
  });

  it('knows nothing once the readings stop, at another rate than its own, or after a reset', () => {
    const c = new StepClock();
    read(c, (t) => 5_000 + (t - 1_000), () => 1, 1_000, 2_000, 41);
    expect(c.positionAt(2_000, 1)).toBeDefined();
    expect(c.positionAt(2_000 + StepClock.STALE_MS, 1)).toBeUndefined();
    expect(c.positionAt(2_000, 1.05)).toBeUndefined();
    c.reset();
    expect(c.positionAt(2_000, 1)).toBeUndefined();
    expect(c.frameMs).toBeCloseTo(FRAME_MS, 6); // the film's frame stays known across a seek
  });

  it('does not take the first step after a seek, from the seek\'s target inside a frame, for a frame', () => {
    const c = new StepClock();
    c.reading(10_005, 0, 1); // landed at 10.005 s, inside the frame shown from 10.000
    c.reading(10_005, 20, 1);
    c.reading(10_000 + FRAME_MS, 40, 1); // first step: 36.7 ms, not a frame
    expect(c.frameMs).toBeUndefined();
    for (let i = 2; i < 8; i++) c.reading(10_000 + i * FRAME_MS, 40 + (i - 1) * FRAME_MS, 1);
    expect(c.frameMs).toBeCloseTo(FRAME_MS, 6);
  });
});
