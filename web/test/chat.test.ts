import { describe, expect, it } from 'vitest';
import { mentions } from '../src/ui/chat';

describe('mentions', () => {
  it('finds @name in any case, as a whole word', () => {
    expect(mentions('hey @ann, look', 'Ann')).toBe(true);
    expect(mentions('@ANN', 'Ann')).toBe(true);
    expect(mentions('hey @anna', 'Ann')).toBe(false);
    expect(mentions('ann without at', 'Ann')).toBe(false);
    expect(mentions('@anna and then @ann!', 'Ann')).toBe(true);
  });

  it('handles names in other scripts and an empty name', () => {
    expect(mentions('привет @Аня', 'аня')).toBe(true);
    expect(mentions('привет @Аняша', 'аня')).toBe(false);
    expect(mentions('@', '')).toBe(false);
  });
});
