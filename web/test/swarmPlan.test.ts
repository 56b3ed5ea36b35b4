import { describe, expect, it } from 'vitest';
import { sourceOf, URGENT_CHUNKS, type SwarmView } from '../src/p2p/swarmPlan';

function view(o: Partial<SwarmView> = {}): SwarmView {
  return { fellows: ['bea', 'carl'], playheadChunk: 0, pointedTo: () => undefined, peerHas: () => false, hashKnown: () => true,
    stalled: false, ...o };
}

describe("a swarm's plan", () => {
  it('asks the sharer for whatever it was not pointed elsewhere for', () => {
    expect(sourceOf(40, view())).toEqual({ from: 'sharer' });
    // Pointed to somebody no longer in the swarm: the sharer again.
    expect(sourceOf(40, view({ pointedTo: () => 'dan' }))).toEqual({ from: 'sharer' });
  });

  it('takes a chunk the sharer pointed elsewhere from the fellow that has it, once its hash is known', () => {
    const has = new Set(['carl:40', 'bea:41']);
    const v = view({ pointedTo: (i) => (i === 40 || i === 41 ? 'bea' : undefined), peerHas: (p, i) => has.has(`${p}:${i}`) });
    expect(sourceOf(41, v)).toEqual({ from: 'peer', peer: 'bea' });
    expect(sourceOf(40, v)).toEqual({ from: 'peer', peer: 'carl' }); // bea has not said so yet; carl has it
    expect(sourceOf(41, { ...v, hashKnown: () => false })).toEqual({ from: 'wait' });
  });

  it('waits for a fellow, except for the stretch just ahead of the player and once nothing arrives', () => {
    const v = view({ playheadChunk: 100, pointedTo: () => 'bea' });
    expect(sourceOf(100 + URGENT_CHUNKS, v)).toEqual({ from: 'wait' });
    expect(sourceOf(100 + URGENT_CHUNKS - 1, v)).toEqual({ from: 'sharerDirect' });
    expect(sourceOf(99, v)).toEqual({ from: 'wait' }); // behind the player
    expect(sourceOf(100 + URGENT_CHUNKS, { ...v, stalled: true })).toEqual({ from: 'sharerDirect' });
  });
});
