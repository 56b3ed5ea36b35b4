import { describe, expect, it } from 'vitest';
import { ClockEstimator, ClockSync, clockSample } from '../src/engine/clock';
import { TOLERANCES } from '../src/engine/tolerances';

describe('clockSample', () => {
  it('computes offset and delay like NTP', () => {
    const s = clockSample(0, 1_050, 1_060, 110);
    expect(s.offsetMs).toBe(1_000);
    expect(s.delayMs).toBe(100);
  });
});

describe('ClockEstimator', () => {
  it('takes the middle of the tightest bounds of each side (here the mean of two)', () => {
    const e = new ClockEstimator(16, 2);
    e.add({ offsetMs: 1_010, delayMs: 100 });
    e.add({ offsetMs: 1_002, delayMs: 40 });
    e.add({ offsetMs: 998, delayMs: 41 });
    expect(e.offsetMs).toBe(1_000);
    expect(e.rttMs).toBe(40);
  });
  it('is as uncertain as the estimate would move without each side\'s tightest bound', () => {
    const e = new ClockEstimator(16, 3);
    expect(e.uncertaintyMs).toBe(Infinity);
    e.add({ offsetMs: 1_004, delayMs: 62 });
    expect(e.uncertaintyMs).toBe(Infinity);
    e.add({ offsetMs: 1_040, delayMs: 130 });
    e.add({ offsetMs: 997, delayMs: 60 });
    e.add({ offsetMs: 1_001, delayMs: 61 });
    // upper bounds 1027, 1031.5, ...; lower bounds 975, 973, ...: (4.5 + 2) / 2
    expect(e.uncertaintyMs).toBe(3.25);
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

describe('ClockSync', () => {
  const period = Math.min(TOLERANCES.clockPeriodMs, TOLERANCES.heartbeatIntervalMs);

  it('pings in a burst on each connection, then once a period', () => {
    const sync = new ClockSync(TOLERANCES);
    expect(sync.nextPingDelayMs()).toBe(period);
    sync.connected();
    const delays = Array.from({ length: TOLERANCES.clockBurst + 2 }, () => sync.nextPingDelayMs());
    expect(delays.slice(0, TOLERANCES.clockBurst).every((d) => d === TOLERANCES.clockBurstSpacingMs)).toBe(true);
    expect(delays.slice(TOLERANCES.clockBurst)).toEqual([period, period]);
  });

  it('pings a settled period apart once the estimate has settled, and bursts again on a new connection', () => {
    const sync = new ClockSync(TOLERANCES);
    sync.connected();
    for (let i = 0; i < TOLERANCES.clockBurst; i++) sync.nextPingDelayMs();
    for (let i = 0; i < TOLERANCES.clockSettleSamples - 1; i++) sync.pong({ offsetMs: 250, delayMs: 10 + (i % 3) });
    expect(sync.settled).toBe(false);
    expect(sync.nextPingDelayMs()).toBe(TOLERANCES.clockPeriodMs);
    sync.pong({ offsetMs: 250, delayMs: 11 });
    expect(sync.settled).toBe(true);
    expect(sync.nextPingDelayMs()).toBe(Math.min(TOLERANCES.clockSettledPeriodMs, TOLERANCES.heartbeatIntervalMs));
    sync.connected();
    expect(sync.nextPingDelayMs()).toBe(TOLERANCES.clockBurstSpacingMs);
  });

  it('is synced after a burst of samples, and restarts with a new burst when the clock steps', () => {
    const sync = new ClockSync(TOLERANCES);
    for (let i = 0; i < TOLERANCES.clockSamples; i++) {
      expect(sync.pong({ offsetMs: 250, delayMs: 10 })).toBe(false);
    }
    expect(sync.synced).toBe(true);
    expect(sync.offsetMs).toBe(250);
    expect(sync.pong({ offsetMs: 250 + TOLERANCES.clockShiftMs + 100, delayMs: 10 })).toBe(true);
    expect(sync.synced).toBe(false);
    expect(sync.offsetMs).toBe(250 + TOLERANCES.clockShiftMs + 100);
    expect(sync.nextPingDelayMs()).toBe(TOLERANCES.clockBurstSpacingMs);
  });
});
