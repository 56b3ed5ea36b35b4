import { describe, expect, it } from 'vitest';
import { spreadText } from '../src/ui/roomMembers';

describe('spreadText', () => {
  it('reads a crowd at a glance: players per distance, then who is furthest, signed', () => {
    const text = spreadText({
      connected: 46, reporting: 46, inSync: 40, deadBandMs: 20,
      histogram: [{ upToMs: 20, count: 40 }, { upToMs: 50, count: 3 }, { upToMs: 100, count: 1 }, { upToMs: 250, count: 0 },
        { upToMs: 1000, count: 0 }, { count: 2 }],
      furthest: [{ memberId: 'm-b', name: 'Bob', driftMs: -1_400 }, { memberId: 'm-c', name: 'Cid', driftMs: 90.4 }],
    });
    expect(text).toBe('By distance: ≤20 ms: 40 · ≤50 ms: 3 · ≤100 ms: 1 · ≤250 ms: 0 · ≤1000 ms: 0 · more: 2'
      + ' · furthest: Bob \u22121400 ms, Cid +90 ms');
  });
});
