import { describe, expect, it } from 'vitest';
import { isScheduled, positionAt, type Timeline } from '../src/engine/timeline';

const base: Timeline = { mediaId: 'm', state: 'playing', anchorPositionMs: 10_000, anchorTimeMs: 1_000, rate: 1, version: 3 };

describe('positionAt', () => {
  it('advances from the anchor at the rate while playing', () => {
    expect(positionAt(base, 3_000)).toBe(12_000);
    expect(positionAt({ ...base, rate: 1.25 }, 3_000)).toBe(12_500);
  });
  it('holds before a future anchor', () => {
    expect(positionAt(base, 500)).toBe(10_000);
    expect(isScheduled(base, 500)).toBe(true);
    expect(isScheduled(base, 1_500)).toBe(false);
  });
  it('holds while paused or waiting', () => {
    expect(positionAt({ ...base, state: 'paused' }, 9_000)).toBe(10_000);
    expect(positionAt({ ...base, state: 'waiting' }, 9_000)).toBe(10_000);
  });
});
