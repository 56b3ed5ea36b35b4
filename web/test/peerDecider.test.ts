import { describe, expect, it } from 'vitest';
import { decidePeerIntent, type PeerIntent } from '../src/p2p/peerDecider';
import type { Timeline } from '../src/engine/timeline';
import { TOLERANCES } from '../src/engine/tolerances';
import file from '../../core/src/test/resources/sync/peer-decider-vectors.json';

/** The shared vectors core's PeerDeciderVectorsTest runs on the room's own RoomDecider. */
type VectorTimeline = Omit<Timeline, 'mediaId'> & { readonly mediaId?: null };

interface Case {
  readonly name: string;
  readonly timeline: VectorTimeline;
  readonly now: number;
  readonly intent: PeerIntent;
  readonly expect: string | { timeline: Omit<Timeline, 'mediaId'> };
}

const FILM = 'https://example.com/film.mp4';

/** The film, unless the vector says `"mediaId": null`. */
function timeline({ mediaId, ...t }: VectorTimeline): Timeline {
  return mediaId === null ? t : { ...t, mediaId: FILM };
}

describe('the acting authority decides as the room (shared vectors)', () => {
  for (const c of file.cases as readonly Case[]) {
    it(c.name, () => {
      // The Java side's members report no round trip: the lead is the minimum, as here with 0.
      const d = decidePeerIntent(timeline(c.timeline), c.intent, c.now, 0, TOLERANCES);
      if (c.expect === 'unchanged') expect(d.kind).toBe('unchanged');
      else if (typeof c.expect === 'string') expect(d.kind === 'refused' ? d.code : d.kind).toBe(c.expect);
      else expect(d).toEqual({ kind: 'changed', timeline: { ...c.expect.timeline, mediaId: FILM } });
    });
  }

  it('anchors plays the peers\' largest round trip ahead, within the server\'s bounds', () => {
    const paused: Timeline = { mediaId: FILM, state: 'paused', anchorPositionMs: 0, anchorTimeMs: 0, rate: 1, version: 1 };
    const lead = (rtt: number) => {
      const d = decidePeerIntent(paused, { type: 'play', version: 1 }, 1_000, rtt, TOLERANCES);
      return d.kind === 'changed' ? d.timeline.anchorTimeMs - 1_000 : NaN;
    };
    expect([lead(40), lead(400), lead(9_000)]).toEqual([150, 400, 1_500]);
  });
});
