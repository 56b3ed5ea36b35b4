import { describe, expect, it } from 'vitest';
import { SyncController } from '../src/engine/controller';
import type { PlayerCommand } from '../src/player/playerView';
import type { PlaybackState, Timeline } from '../src/engine/timeline';
import { TOLERANCES } from '../src/engine/tolerances';
import { BROWSER_PLAYER, FIREFOX_PLAYER, WEBKIT_PLAYER, type PlayerTraits } from '../src/engine/playerTraits';
import file from '../../core/src/test/resources/sync/controller-vectors.json';

/**
 * The sync controller's shared vectors, the same file the Java controller runs
 * (core/src/test/java/.../sync/SyncControllerVectorsTest.java): the two implementations are held to
 * one behaviour, and a change in either fails until the file and the other agree.
 */
interface Step {
  readonly timeline?: string;
  readonly serverNowMs?: number;
  readonly view?: {
    readonly paused?: boolean;
    readonly busy?: boolean;
    readonly positionMs: number;
    readonly rate?: number;
    readonly localTimeMs?: number;
  };
  readonly seekFinished?: number;
  /** The clock estimate's uncertainty the client tells the controller before this step. */
  readonly clockUncertaintyMs?: number;
  readonly commands?: ReadonlyArray<Record<string, unknown>>;
  readonly lastErrorMs: number;
  readonly seekLatencyMs: number;
  readonly startLatencyMs: number;
  readonly switchJumpMs: number;
  /** Corrections counted since the controller began. */
  readonly nudges: number;
  readonly seeks: number;
}

interface Vector {
  readonly name: string;
  /** The player's traits, or the name of a browser engine whose traits it has (the shared player-traits.json). */
  readonly player: PlayerTraits | { readonly engine: 'chromium' | 'webkit' | 'firefox' };
  readonly timelines: Record<string, { mediaId: string | null; state: PlaybackState } & Omit<Timeline, 'mediaId' | 'state'>>;
  readonly steps: readonly Step[];
}

const vectors = (file as unknown as { vectors: Vector[] }).vectors;

const ENGINES = { chromium: BROWSER_PLAYER, webkit: WEBKIT_PLAYER, firefox: FIREFOX_PLAYER } as const;

function traitsOf(vector: Vector): PlayerTraits {
  return 'engine' in vector.player ? ENGINES[vector.player.engine] : vector.player;
}

/** Both languages do the same IEEE arithmetic; this only forgives the decimal round trip of the file. */
const EXACT = 9;

function timelineOf(vector: Vector, name: string): Timeline {
  const t = vector.timelines[name];
  if (!t) throw new Error(`vector "${vector.name}" has no timeline "${name}"`);
  return { ...t, mediaId: t.mediaId ?? undefined };
}

function expectCommands(where: string, actual: PlayerCommand[], expected: ReadonlyArray<Record<string, unknown>>): void {
  expect(actual.map((c) => c.kind), where).toEqual(expected.map((c) => c['kind']));
  expected.forEach((e, i) => {
    for (const [field, value] of Object.entries(e)) {
      if (field === 'kind') continue;
      expect((actual[i] as unknown as Record<string, number>)[field], `${where}: command ${i} ${field}`).toBeCloseTo(value as number, EXACT);
    }
  });
}

describe('SyncController against the shared vectors', () => {
  it('has vectors to run', () => {
    expect(vectors.length).toBeGreaterThan(10);
  });

  for (const vector of vectors) {
    it(vector.name, () => {
      const controller = new SyncController(TOLERANCES, traitsOf(vector));
      vector.steps.forEach((step, index) => {
        const where = `${vector.name}, step ${index}`;
        if (step.seekFinished !== undefined) {
          controller.seekFinished(step.seekFinished);
        } else {
          const now = step.serverNowMs as number;
          const v = step.view!;
          if (step.clockUncertaintyMs !== undefined) controller.clockUncertaintyMs = step.clockUncertaintyMs;
          const commands = controller.step(timelineOf(vector, step.timeline as string), now, {
            paused: v.paused ?? false,
            busy: v.busy ?? false,
            positionMs: v.positionMs,
            rate: v.rate ?? 1,
            localTimeMs: v.localTimeMs ?? now,
          });
          expectCommands(where, commands, step.commands ?? []);
        }
        expect(controller.lastErrorMs, `${where}: lastErrorMs`).toBeCloseTo(step.lastErrorMs, EXACT);
        expect(controller.seekLatencyMs, `${where}: seekLatencyMs`).toBeCloseTo(step.seekLatencyMs, EXACT);
        expect(controller.startLatencyMs, `${where}: startLatencyMs`).toBeCloseTo(step.startLatencyMs, EXACT);
        expect(controller.switchJumpMs, `${where}: switchJumpMs`).toBeCloseTo(step.switchJumpMs, EXACT);
        expect(controller.nudges, `${where}: nudges`).toBe(step.nudges);
        expect(controller.seeks, `${where}: seeks`).toBe(step.seeks);
      });
    });
  }
});
