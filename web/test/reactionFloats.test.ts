import { describe, expect, it } from 'vitest';
import { floatsFor } from '../src/ui/reactions';

describe('floatsFor', () => {
  it('floats one emoji per reaction in a trickle, and a bounded few for a crowd', () => {
    expect([0, 1, 2, 3].map(floatsFor)).toEqual([0, 1, 2, 3]);
    expect(floatsFor(9)).toBe(3);
    expect(floatsFor(10)).toBe(4);
    expect(floatsFor(1_000)).toBe(6);
    expect(floatsFor(1_000_000)).toBe(6);
    expect(floatsFor(Number.NaN)).toBe(0);
    expect(floatsFor(-5)).toBe(0);
  });
});
