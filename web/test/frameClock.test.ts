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

  it('knows nothing with too few frames, or once the frames stop', () => {
    const c = new FrameClock();
    frames(c, FrameClock.ENOUGH - 1);
    expect(c.positionAt(1_100, 1)).toBeUndefined();
    frames(c, FrameClock.ENOUGH);
    expect(c.positionAt(1_000 + 2 * 40 + FrameClock.STALE_MS + 1, 1)).toBeUndefined();
  });

  it('starts again on a frame far from the others (a seek)', () => {
    const c = new FrameClock();
    frames(c, 7);
    c.frame(20_000, 1_300, 1); // sought to 20 s
    expect(c.positionAt(1_310, 1)).toBeUndefined(); // one frame is not enough
    c.frame(20_040, 1_340, 1);
    c.frame(20_080, 1_380, 1);
    expect(c.positionAt(1_390, 1)).toBeCloseTo(20_090, 6);
  });

  it.each([
    ['told of each switch when it is set', true],
    ['not told (a rate someone else set): seen at the first frame at the new rate', false],
  ])('carries its clock across a rate switch, %s', (_, told) => {
    // Firefox: a 24 fps film on a 60 Hz display (each frame shown at the first vsync after it is due, 33 or 50 ms
    // apart), switching rates on the instant, as a probe saw (no jump beyond the frames' scatter).
    const vsync = 1_000 / 60;
    const rates: [number, number][] = [[1_000, 1], [2_000, 1.08], [2_600, 1], [3_200, 0.92], [3_900, 1]];
    const rateAt = (t: number) => rates.filter(([at]) => at <= t).at(-1)![1];
    const picture = (t: number) => { // the media time due at local time t: 5 s at 1 s, then at each rate in turn
      let pos = 5_000;
      for (let i = 0; i < rates.length && rates[i]![0] < t; i++) pos += (Math.min(t, rates[i + 1]?.[0] ?? t) - rates[i]![0]) * rates[i]![1];
      return pos;
    };
    const c = new FrameClock();
    const errors = new Map<number, number>();
    let nextFrame = 5_000;
    for (let now = 1_000; now < 4_600; now++) {
      if (told && now > 1_000 && rates.some(([at]) => at === now)) c.rateSet(now, rateAt(now));
      const atVsync = now % vsync < 1;
      if (atVsync && picture(now) >= nextFrame) {
        c.frame(nextFrame, now, rateAt(now));
        nextFrame += 1_000 / 24;
      }
      const read = c.positionAt(now, rateAt(now));
      if (now < 1_300) continue;
      expect(read, `a position at ${now}`).toBeDefined(); // started again at a switch, it had none for 125 ms
      errors.set(now, read! - picture(now));
    }
    // Frames shown up to a vsync after they were due read a little behind, by an amount that drifts with the rate
    // (how 24 frames a second fall on 60 vsyncs: ±4.4 ms about its mean before the first switch). Across each switch
    // the reading goes on within that scatter, never a frame (42 ms) off as currentTime would be.
    for (const [at] of rates.slice(1)) {
      const before = errors.get(at - 1)!;
      const after = [...errors].filter(([t]) => t >= at && t < at + 150).map(([, e]) => Math.abs(e - before));
      expect(Math.max(...after), `across the switch at ${at}`).toBeLessThan(10);
    }
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
