import { describe, expect, it } from 'vitest';
import { EchoGuard } from '../src/engine/echo';
import type { PlayerEventKind } from '../src/player/playerView';
import file from '../../core/src/test/resources/sync/echo-guard-vectors.json';

/** The shared echo-guard vectors (client-java EchoGuardVectorsTest runs the same file on the Java guard). */
interface Case {
  readonly name: string;
  readonly expect: { kind: PlayerEventKind; at: number; targetMs?: number }[];
  /** An event of the player, or (kind 'underWay') a step that found the player still busy. */
  readonly events: ({ kind: PlayerEventKind; at: number; positionMs: number; echo: boolean } | { kind: 'underWay'; at: number })[];
}

describe('EchoGuard (shared vectors)', () => {
  const cases = (file as { cases: Case[] }).cases;
  it('has cases', () => expect(cases.length).toBeGreaterThan(8));
  for (const c of cases) {
    it(c.name, () => {
      const g = new EchoGuard();
      for (const e of c.expect) {
        if (e.kind === 'seeked') g.expectSeek(e.targetMs ?? NaN, e.at);
        else g.expectSoon(e.kind, e.at);
      }
      c.events.forEach((e, i) => {
        if (e.kind === 'underWay') g.underWay(e.at);
        else expect(g.consume(e.kind, e.at, e.positionMs), `event ${i}`).toBe(e.echo);
      });
    });
  }
});
