import { describe, expect, it } from 'vitest';
import { cannotSeek, type SeekableRanges } from '../src/player/seekable';

function ranges(...r: Array<[number, number]>): SeekableRanges {
  return { length: r.length, end: (i: number) => r[i][1] };
}

describe('cannotSeek', () => {
  it('is said of a file whose server ignores byte ranges (Chromium: seekable 0-0)', () => {
    expect(cannotSeek(40, ranges([0, 0]))).toBe(true);
    expect(cannotSeek(40, ranges())).toBe(true);
  });

  it('is not said of a file that can be sought, even in part', () => {
    expect(cannotSeek(40, ranges([0, 40]))).toBe(false);
    expect(cannotSeek(40, ranges([0, 0], [10, 20]))).toBe(false);
  });

  it('is not said while the length is unknown, nor of a live stream', () => {
    expect(cannotSeek(Number.NaN, ranges([0, 0]))).toBe(false);
    expect(cannotSeek(Number.POSITIVE_INFINITY, ranges())).toBe(false);
    expect(cannotSeek(0, ranges())).toBe(false);
  });
});
