import { describe, expect, it } from 'vitest';
import { SlowMode } from '../src/ui/slowMode';

describe('SlowMode', () => {
  it('holds a writer for the interval after each line, counting whole seconds up', () => {
    const s = new SlowMode();
    s.set(30);
    expect(s.waitSeconds(1_000, false)).toBe(0); // nothing sent yet
    s.sent(1_000);
    expect(s.waitSeconds(1_000, false)).toBe(30);
    expect(s.waitSeconds(1_001, false)).toBe(30);
    expect(s.waitSeconds(29_999, false)).toBe(2);
    expect(s.waitSeconds(30_000, false)).toBe(1);
    expect(s.waitSeconds(30_999, false)).toBe(1);
    expect(s.waitSeconds(31_000, false)).toBe(0);
  });

  it('holds nobody when off, and never the room\'s staff', () => {
    const s = new SlowMode();
    s.sent(1_000);
    expect(s.waitSeconds(1_500, false)).toBe(0);
    s.set(60);
    expect(s.waitSeconds(1_500, true)).toBe(0);
    expect(s.waitSeconds(1_500, false)).toBe(60);
    s.set(0);
    expect(s.waitSeconds(1_500, false)).toBe(0);
  });

  it('offers only what the server takes (0-600 s)', () => {
    expect(Math.min(...SlowMode.CHOICES)).toBe(0);
    expect(Math.max(...SlowMode.CHOICES)).toBe(600);
  });
});
