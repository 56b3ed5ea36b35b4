import { describe, expect, it } from 'vitest';
import { epochToZoned, isZone, offsetAt, zonedToEpoch, zoneOptions } from '../src/ui/zonedTime';

const utc = (s: string) => Date.parse(`${s}Z`);

describe('zonedToEpoch', () => {
  it('reads a local time in the zone it was planned in', () => {
    expect(zonedToEpoch('2026-12-01T20:00', 'Europe/Berlin')).toBe(utc('2026-12-01T19:00:00'));
    expect(zonedToEpoch('2026-07-01T20:00', 'Europe/Berlin')).toBe(utc('2026-07-01T18:00:00'));
    expect(zonedToEpoch('2026-07-01T20:00:30', 'America/New_York')).toBe(utc('2026-07-02T00:00:30'));
    expect(zonedToEpoch('2026-12-01T20:00', 'Asia/Kolkata')).toBe(utc('2026-12-01T14:30:00'));
    expect(zonedToEpoch('2026-12-01T20:00', 'UTC')).toBe(utc('2026-12-01T20:00:00'));
  });

  it('refuses a time the clocks skip, as the server does', () => {
    expect(zonedToEpoch('2026-03-29T02:30', 'Europe/Berlin')).toBeUndefined();
    expect(zonedToEpoch('2026-03-29T03:00', 'Europe/Berlin')).toBe(utc('2026-03-29T01:00:00'));
  });

  it('takes the earlier of a time that happens twice (java.time does too)', () => {
    expect(zonedToEpoch('2026-10-25T02:30', 'Europe/Berlin')).toBe(utc('2026-10-25T00:30:00'));
  });

  it('refuses what is not a date-time or a zone', () => {
    expect(zonedToEpoch('2026-02-30T20:00', 'Europe/Berlin')).toBeUndefined();
    expect(zonedToEpoch('2026-12-01 20:00', 'Europe/Berlin')).toBeUndefined();
    expect(zonedToEpoch('2026-12-01T24:00', 'Europe/Berlin')).toBeUndefined();
    expect(zonedToEpoch('', 'Europe/Berlin')).toBeUndefined();
    expect(zonedToEpoch('2026-12-01T20:00', 'Mars/Olympus')).toBeUndefined();
    expect(isZone('Mars/Olympus')).toBe(false);
    expect(isZone('Europe/Berlin')).toBe(true);
  });
});

describe('epochToZoned', () => {
  it('gives the local time for a datetime-local input, seconds only when there are some', () => {
    expect(epochToZoned(utc('2026-12-01T19:00:00'), 'Europe/Berlin')).toBe('2026-12-01T20:00');
    expect(epochToZoned(utc('2026-12-01T19:00:05'), 'Europe/Berlin')).toBe('2026-12-01T20:00:05');
    expect(epochToZoned(utc('2026-12-31T23:30:00'), 'Asia/Tokyo')).toBe('2027-01-01T08:30');
    expect(epochToZoned(utc('2026-01-01T00:00:00'), 'UTC')).toBe('2026-01-01T00:00');
  });

  it('round-trips with zonedToEpoch', () => {
    for (const zone of ['Europe/Berlin', 'America/Los_Angeles', 'Australia/Lord_Howe', 'Asia/Kathmandu']) {
      for (let at = utc('2026-01-01T00:00:00'); at < utc('2027-01-01T00:00:00'); at += 7 * 3_600_000 + 17_000) {
        const local = epochToZoned(at, zone);
        const back = zonedToEpoch(local, zone)!;
        // Back to the same instant, or (in the hour repeated at fall-back) to its earlier twin.
        expect(epochToZoned(back, zone)).toBe(local);
        expect(back <= at).toBe(true);
      }
    }
  });
});

describe('offsetAt', () => {
  it('is the zone minus UTC', () => {
    expect(offsetAt(utc('2026-12-01T12:00:00'), 'Europe/Berlin')).toBe(3_600_000);
    expect(offsetAt(utc('2026-07-01T12:00:00'), 'Europe/Berlin')).toBe(7_200_000);
    expect(offsetAt(utc('2026-07-01T12:00:00'), 'America/New_York')).toBe(-4 * 3_600_000);
  });
});

describe('zoneOptions', () => {
  it('sorts the browser\u2019s zones and keeps the current one even when the list lacks it', () => {
    expect(zoneOptions(['Europe/Paris', 'America/Denver'], 'UTC')).toEqual(['America/Denver', 'Europe/Paris', 'UTC']);
    expect(zoneOptions(['Europe/Paris', 'Europe/Berlin'], 'Europe/Berlin')).toEqual(['Europe/Berlin', 'Europe/Paris']);
    expect(zoneOptions([], 'Asia/Calcutta')).toEqual(['Asia/Calcutta']);
  });
});
