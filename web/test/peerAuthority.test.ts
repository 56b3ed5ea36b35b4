import { describe, expect, it } from 'vitest';
import type { Timeline } from '../src/engine/timeline';
import type { Role } from '../src/protocol';
import { actingAuthority, authorityOrder, onServerBack, timelineRefusal, type ControlMode, type Peer } from '../src/p2p/peerAuthority';
import file from '../../core/src/test/resources/sync/peer-authority-vectors.json';

/** The shared vectors core's PeerAuthorityVectorsTest runs on the Java rule. */
interface AuthorityCase {
  readonly name: string;
  readonly controlMode: ControlMode;
  readonly partition: readonly Peer[];
  readonly order: readonly string[];
}

interface ServerBackCase {
  readonly name: string;
  readonly base: number;
  readonly server: number;
  readonly place: number;
  readonly do: string;
  readonly afterMs?: number;
}

/** A seeded shuffle (mulberry32), so a failure names the seed that found it. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('acting authority (shared vectors)', () => {
  for (const c of file.authority as readonly AuthorityCase[]) {
    it(c.name, () => {
      expect(authorityOrder(c.partition, c.controlMode).map((p) => p.id)).toEqual(c.order);
      expect(actingAuthority(c.partition, c.controlMode)).toBe(c.order[0]);
    });
  }

  it.each([1, 2, 3, 42, 2026])('does not depend on the order peers are known in (seed %i)', (seed) => {
    for (const c of file.authority as readonly AuthorityCase[]) {
      for (let i = 0; i < 20; i++) {
        expect(actingAuthority(shuffled(c.partition, seed * 100 + i), c.controlMode), c.name).toBe(c.order[0]);
      }
    }
  });
});

describe('when the server is back (shared vectors)', () => {
  for (const c of file.serverBack as readonly ServerBackCase[]) {
    it(c.name, () => {
      const r = onServerBack(c.base, c.server, c.place);
      expect(r.do).toBe(c.do);
      if (r.do === 'handBack') expect(r.afterMs).toBe(c.afterMs);
    });
  }
});

interface TimelineCase {
  readonly name: string;
  readonly controlMode: ControlMode;
  readonly signerRole: Role;
  readonly by: string;
  readonly base: number;
  readonly timeline: { mediaId?: string; version: number };
  readonly current: { mediaId?: string; version: number } | null;
  readonly currentBase: number;
  readonly refused: string | null;
}

function asTimeline(t: { mediaId?: string; version: number }): Timeline {
  return { ...t, state: 'paused', anchorPositionMs: 0, anchorTimeMs: 0, rate: 1 };
}

describe("whether a peer's timeline is played (shared vectors)", () => {
  for (const c of file.timelines as readonly TimelineCase[]) {
    it(c.name, () => {
      expect(timelineRefusal(c.signerRole, c.controlMode, asTimeline(c.timeline), c.base, c.by,
        c.current ? asTimeline(c.current) : undefined, c.currentBase) ?? null).toBe(c.refused);
    });
  }
});
