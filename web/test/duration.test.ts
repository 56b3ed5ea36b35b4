import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../src/ui/duration';

describe('parseDuration', () => {
  it('reads h:mm:ss, m:ss and seconds', () => {
    expect(parseDuration('1:02:03')).toBe(3_723_000);
    expect(parseDuration('0:00:06')).toBe(6_000);
    expect(parseDuration('45:30')).toBe(2_730_000);
    expect(parseDuration('90')).toBe(90_000);
    expect(parseDuration(' 2:00:00 ')).toBe(7_200_000);
    expect(parseDuration('0:06.5')).toBe(6_500);
    expect(parseDuration('0:06,25')).toBe(6_250);
    expect(parseDuration('120:00:00')).toBe(432_000_000);
  });

  it('refuses what is not a positive runtime', () => {
    for (const bad of ['', '0', '0:00:00', '1:75', '1:60:00', 'abc', '1h', '-5', '1:2:3:4', ':30', '1::30']) {
      expect(parseDuration(bad), bad).toBeUndefined();
    }
  });

  it('round-trips with formatDuration', () => {
    for (const ms of [6_000, 65_000, 3_600_000, 3_723_000, 86_399_000]) expect(parseDuration(formatDuration(ms))).toBe(ms);
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    expect(formatDuration(6_000)).toBe('0:06');
  });
});
