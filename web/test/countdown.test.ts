import { describe, expect, it } from 'vitest';
import { clockText, countdown, ServerClock, showingPhase } from '../src/ui/countdown';
import { ManualClock } from './fakes';

describe('ServerClock', () => {
  it('runs the countdown on the server\u2019s clock, advanced by the local one', () => {
    const local = new ManualClock(1_000_000);
    const sentAt = local.nowMs;
    local.advance(200); // the answer took 200 ms; the server read its clock in the middle
    const clock = new ServerClock(5_000_000, sentAt, local.nowMs);
    expect(clock.offsetMs).toBe(5_000_000 - 1_000_100);
    expect(clock.now(local.nowMs)).toBe(5_000_100);
    local.advance(60_000);
    expect(clock.now(local.nowMs)).toBe(5_060_100);
  });

  it('corrects a computer whose clock is behind', () => {
    const local = new ManualClock(1_700_000_000_000 - 300_000); // five minutes slow
    const clock = new ServerClock(1_700_000_000_000, local.nowMs, local.nowMs);
    const startsAt = 1_700_000_000_000 + 90_000;
    expect(countdown(startsAt - clock.now(local.nowMs))).toEqual({ days: 0, hours: 0, minutes: 1, seconds: 30 });
  });
});

describe('countdown', () => {
  it('splits what is left into days, hours, minutes and seconds, rounding up', () => {
    expect(countdown(((2 * 24 + 3) * 3600 + 4 * 60 + 5) * 1000)).toEqual({ days: 2, hours: 3, minutes: 4, seconds: 5 });
    expect(countdown(200)).toEqual({ days: 0, hours: 0, minutes: 0, seconds: 1 });
    expect(countdown(59_001)).toEqual({ days: 0, hours: 0, minutes: 1, seconds: 0 });
    expect(countdown(0)).toEqual({ days: 0, hours: 0, minutes: 0, seconds: 0 });
    expect(countdown(-5_000)).toEqual({ days: 0, hours: 0, minutes: 0, seconds: 0 });
  });

  it('reads as a clock', () => {
    expect(clockText(countdown(3_723_000))).toBe('1:02:03');
    expect(clockText(countdown(65_000))).toBe('1:05');
    expect(clockText(countdown(5_000))).toBe('0:05');
  });
});

describe('showingPhase', () => {
  const s = { status: 'scheduled', startsAt: 10_000, endsAt: 20_000 };
  it('follows the server\u2019s time through the showing', () => {
    expect(showingPhase(s, 9_999)).toBe('upcoming');
    expect(showingPhase(s, 10_000)).toBe('onNow');
    expect(showingPhase(s, 19_999)).toBe('onNow');
    expect(showingPhase(s, 20_000)).toBe('over');
  });

  it('stays on when the end is unknown, and cancelled is cancelled', () => {
    expect(showingPhase({ ...s, endsAt: null }, 1e12)).toBe('onNow');
    expect(showingPhase({ status: 'scheduled', startsAt: 10_000 }, 1e12)).toBe('onNow'); // the server leaves nulls out
    expect(showingPhase({ ...s, status: 'cancelled' }, 5_000)).toBe('cancelled');
  });
});
