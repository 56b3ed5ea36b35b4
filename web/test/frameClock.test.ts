import { describe, expect, it } from 'vitest';
import { FrameClock, StepDetector } from '../src/player/frameClock';

/** Frames of a 25 fps film shown every 40 ms from local time 1000, media time 5000 at the first. */
function frames(clock: FrameClock, count: number, lateness: (i: number) => number = () => 0, rate = 1): void {
  for (let i = 0; i < count; i++) clock.frame(5_000 + i * 40 * rate, 1_000 + i * 40 + lateness(i), rate);
}

describe('FrameClock', () => {
  it('carries the frames forward to any instant between them', () => {
    const c = new FrameClock();
    frames(c, 5);
    expect(c.positionAt(1_000 + 4 * 40 + 17, 1)).toBeCloseTo(5_000 + 4 * 40 + 17, 6);
  });

  it('outvotes a late callback', () => {
    const c = new FrameClock();
    frames(c, 7, (i) => (i === 5 ? 28 : 0));
    expect(c.positionAt(1_300, 1)).toBeCloseTo(5_300, 6);
  });

  it('knows nothing with too few frames, at another rate, or once the frames stop', () => {
    const c = new FrameClock();
    frames(c, FrameClock.ENOUGH - 1);
    expect(c.positionAt(1_100, 1)).toBeUndefined();
    frames(c, FrameClock.ENOUGH);
    expect(c.positionAt(1_100, 1.05)).toBeUndefined();
    expect(c.positionAt(1_000 + 2 * 40 + FrameClock.STALE_MS + 1, 1)).toBeUndefined();
  });

  it('starts again on a new rate and on a frame far from the others (a seek)', () => {
    const c = new FrameClock();
    frames(c, 7);
    c.frame(20_000, 1_300, 1); // sought to 20 s
    expect(c.positionAt(1_310, 1)).toBeUndefined(); // one frame is not enough
    c.frame(20_040, 1_340, 1);
    c.frame(20_080, 1_380, 1);
    expect(c.positionAt(1_390, 1)).toBeCloseTo(20_090, 6);
    c.frame(20_123, 1_420, 1.05);
    expect(c.positionAt(1_430, 1.05)).toBeUndefined();
  });
});

describe('StepDetector', () => {
  it('tells a video moving frame by frame from one moving between any two readings', () => {
    const firefox = new StepDetector();
    const chromium = new StepDetector();
    for (let i = 0; i < StepDetector.WINDOW; i++) {
      firefox.reading(i % 2 === 1); // 40 ms steps read every 20 ms: every other reading stands still
      chromium.reading(false);
    }
    expect(firefox.stepping).toBe(true);
    expect(chromium.stepping).toBe(false);
  });
});
