import { describe, expect, it } from 'vitest';
import { dueTimes, type ClockReading } from '../src/sound/clickClock';

/** Readings every 16.7 ms of a media clock that started at page time `startMs` and stood still for each stall. */
function readings(startMs: number, stalls: readonly { atMs: number; forMs: number }[], untilMs = 12_500): ClockReading[] {
  const out: ClockReading[] = [];
  for (let page = startMs + 200; page < startMs + untilMs; page += 1000 / 60) {
    let position = page - startMs;
    for (const s of stalls) position -= Math.max(0, Math.min(s.forMs, page - startMs - s.atMs));
    out.push({ positionMs: position, pageMs: page });
  }
  return out;
}

describe('dueTimes', () => {
  it('maps each position through the clock as it ran', () => {
    expect(dueTimes(readings(3_000, []), [1_000, 2_500])).toEqual([
      expect.closeTo(4_000, 6), expect.closeTo(5_500, 6),
    ]);
  });

  it('places each click by the readings near it when the clock stalled in between', () => {
    // The clock stood still 60 ms at 2 s and 110 ms at 6 s: clicks after each come that much later on the page.
    const due = dueTimes(readings(0, [{ atMs: 2_000, forMs: 60 }, { atMs: 6_000, forMs: 110 }]), [1_000, 4_000, 8_500]);
    expect(due[0]).toBeCloseTo(1_000, 0);
    expect(due[1]).toBeCloseTo(4_060, 0);
    expect(due[2]).toBeCloseTo(8_670, 0);
  });

  it('falls back on all readings for a position none was read near, and is NaN with none', () => {
    expect(dueTimes(readings(500, [], 1_000), [5_000])[0]).toBeCloseTo(5_500, 0);
    expect(dueTimes([], [1_000])[0]).toBeNaN();
  });
});
