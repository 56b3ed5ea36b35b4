import { describe, expect, it } from 'vitest';
import { mentions, systemText } from '../src/ui/chat';

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

describe('system lines', () => {
  it('are worded from their event, with the position as a clock', () => {
    const line = { id: 1, memberId: 'm', userId: 'u', name: 'Ann', text: 'Ann paused at 12:31', atMs: 0, kind: 'system' as const };
    expect(systemText({ ...line, event: { type: 'pause', name: 'Ann', positionMs: 751_000 } })).toBe('Ann paused at 12:31');
    expect(systemText({ ...line, event: { type: 'joined', name: 'Bob' } })).toBe('Bob joined');
    expect(systemText({ ...line, event: { type: 'schedule', name: '' } })).toBe('The showing moves on');
  });
});
