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
  /** Intervals [from, to) in which the page did not run. */
  readonly frozen?: [number, number][];
}

const STEP_EVERY_MS = 20;

/** The page's sync steps, every 20 ms outside the case's frozen intervals, as the file's "about" says. */
function steps(g: EchoGuard, frozen: [number, number][]): (atMs: number) => void {
  let next = STEP_EVERY_MS;
  return (atMs) => {
    for (; next < atMs; next += STEP_EVERY_MS) {
      if (!frozen.some(([from, to]) => next >= from && next < to)) g.ran(next);
    }
  };
}

describe('EchoGuard (shared vectors)', () => {
  const cases = (file as { cases: Case[] }).cases;
  it('has cases', () => expect(cases.length).toBeGreaterThan(8));
  for (const c of cases) {
    it(c.name, () => {
      const g = new EchoGuard();
      const before = steps(g, c.frozen ?? []);
      for (const e of c.expect) {
        before(e.at);
        if (e.kind === 'seeked') g.expectSeek(e.targetMs ?? NaN, e.at);
        else g.expectSoon(e.kind, e.at);
      }
      c.events.forEach((e, i) => {
        before(e.at);
        if (e.kind === 'underWay') g.underWay(e.at);
        else expect(g.consume(e.kind, e.at, e.positionMs), `event ${i}`).toBe(e.echo);
      });
    });
  }
});
