import { describe, expect, it } from 'vitest';
import { PeerMode } from '../src/p2p/peerMode';
import type { Timeline } from '../src/engine/timeline';
import file from '../../core/src/test/resources/sync/peer-mode-vectors.json';

/** The shared vectors core's PeerModeVectorsTest runs on the Java PeerMode. */
type VectorTimeline = Omit<Timeline, 'mediaId'> & { readonly mediaId: string | null };

interface State {
  readonly mode?: string;
  readonly base?: number;
  readonly timeline?: string | null;
  readonly version?: number | null;
  readonly by?: string;
  readonly changed?: boolean;
}

interface Step {
  readonly do: 'lose' | 'peerTimeline' | 'newer' | 'serverJoined' | 'serverTimeline' | 'handBack' | 'giveUp' | 'check';
  readonly timeline?: string | null;
  readonly base?: number;
  readonly by?: string;
  readonly place?: number;
  readonly expect?: unknown;
  readonly state?: State;
}

interface Scenario {
  readonly name: string;
  readonly steps: readonly Step[];
}

const timelines = file.timelines as Record<string, VectorTimeline>;

function timeline(name: string | null | undefined): Timeline | undefined {
  if (name === null || name === undefined) return undefined;
  const t = timelines[name];
  if (!t) throw new Error(`no timeline ${name}`);
  const { mediaId, ...rest } = t;
  return mediaId === null ? rest : { ...rest, mediaId };
}

describe('peer mode (shared vectors)', () => {
  for (const s of file.scenarios as readonly Scenario[]) {
    it(s.name, () => {
      const mode = new PeerMode();
      s.steps.forEach((step, i) => {
        const at = `step ${i} ${JSON.stringify(step)}`;
        const t = timeline(step.timeline);
        switch (step.do) {
          case 'lose': mode.lose(t); break;
          case 'peerTimeline': expect(mode.peerTimeline(t!, step.base!, step.by!), at).toBe(step.expect); break;
          case 'newer': expect(mode.newer(t!, step.base!, step.by!), at).toBe(step.expect); break;
          case 'serverJoined': expect(mode.serverJoined(t!, step.place!), at).toEqual(step.expect); break;
          case 'serverTimeline': expect(mode.serverTimeline(t!), at).toBe(step.expect); break;
          case 'handBack': {
            const m = mode.handBack('r1');
            const expected = step.expect === null ? undefined : { type: 'handBack', ...(step.expect as object), ref: 'r1' };
            expect(m, at).toEqual(expected);
            break;
          }
          case 'giveUp': mode.giveUp(); break;
          case 'check': break;
          default: throw new Error(`unknown step ${at}`);
        }
        const st = step.state;
        if (!st) return;
        if (st.mode !== undefined) expect(mode.mode, at).toBe(st.mode);
        if (st.base !== undefined) expect(mode.base, at).toBe(st.base);
        if (st.timeline !== undefined) expect(mode.timeline, at).toEqual(timeline(st.timeline));
        if (st.version !== undefined) expect(mode.timeline?.version ?? null, at).toBe(st.version);
        if (st.by !== undefined) expect(mode.by, at).toBe(st.by);
        if (st.changed !== undefined) expect(mode.changed, at).toBe(st.changed);
      });
    });
  }
});
