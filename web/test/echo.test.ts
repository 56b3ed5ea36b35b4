import { describe, expect, it } from 'vitest';
import { EchoGuard } from '../src/engine/echo';

describe('EchoGuard', () => {
  it('consumes an expected event once', () => {
    const g = new EchoGuard();
    g.expectSoon('pause', 0);
    expect(g.consume('pause', 10)).toBe(true);
    expect(g.consume('pause', 20)).toBe(false);
  });
  it('lets an expectation lapse', () => {
    const g = new EchoGuard();
    g.expectSoon('seeked', 0);
    expect(g.consume('seeked', EchoGuard.EXPECTATION_MS + 1)).toBe(false);
  });
});
