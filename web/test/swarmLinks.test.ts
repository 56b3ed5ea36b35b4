import { beforeEach, describe, expect, it } from 'vitest';
import type { SignalIn, SignalOut } from '../src/protocol';
import { addressPrivacy } from '../src/p2p/addressPrivacy';
import { decodeChunks } from '../src/p2p/frames';
import { ASK_TIMEOUT_MS, SwarmLinks, SWARM_PURPOSE, type SwarmHost } from '../src/p2p/swarmLinks';
import { installFakeRtc, type FakeChannel, type FakePeerConnection } from './fakeRtc';

const settle = () => new Promise((r) => setTimeout(r, 10));

/** Ann's links to the fellow receivers of a 100-chunk file; she has chunks 0-9. */
function swarm(now: () => number): { links: SwarmLinks; sent: Omit<SignalOut, 'type'>[]; changes: number[] } {
  const sent: Omit<SignalOut, 'type'>[] = [];
  const changes: number[] = [];
  const host: SwarmHost = {
    shareId: 'share1', me: 'm-ann', chunkCount: 100,
    read: async (i) => (i < 10 ? new Uint8Array(8).fill(i) : undefined),
    present: () => [...Array(10).keys()],
    received: () => undefined,
    changed: () => changes.push(1),
  };
  const links = new SwarmLinks(host, { signal: (m) => (sent.push(m), true) }, async () => [], now);
  return { links, sent, changes };
}

function offer(from: string): SignalIn {
  return { type: 'signal', from, name: from, session: 'share1-wabc', purpose: SWARM_PURPOSE, kind: 'offer', payload: '{"sdp":"v=0"}' } as SignalIn;
}

describe("a receiver's links to its fellow receivers", () => {
  let made: FakePeerConnection[];
  beforeEach(() => {
    made = installFakeRtc();
    addressPrivacy().choose(false);
  });

  it('answers only the fellows the sharer named, and offers to those whose id sorts after its own', async () => {
    const { links, sent } = swarm(() => 0);
    expect(links.owns(offer('m-zed'))).toBe(false);
    await links.handle(offer('m-zed'));
    expect(sent.map((m) => [m.to, m.kind])).toEqual([['m-zed', 'refuse']]);
    links.update(['m-bea']);
    await settle();
    expect(made).toHaveLength(1); // m-ann < m-bea: Ann offers
    expect(sent.at(-1)).toMatchObject({ to: 'm-bea', purpose: SWARM_PURPOSE, kind: 'offer' });
    links.close();
  });

  it("tells a new link what it has, and takes a fellow's lists only within the file and within bounds", async () => {
    const { links } = swarm(() => 0);
    links.update(['m-bea']);
    await settle();
    const channel = made[0]!.channels[0] as FakeChannel;
    channel.open();
    expect(JSON.parse(channel.sent[0] as string)).toEqual({ t: 'got', chunks: [...Array(10).keys()] });
    channel.receive(JSON.stringify({ t: 'got', chunks: [5, 99, 100, 4_000] }));
    expect(links.peerHas('m-bea', 99)).toBe(true);
    expect(links.peerHas('m-bea', 100)).toBe(false);
    expect(links.peerHas('m-bea', 4_000)).toBe(false);
    // A flood of asks (100 chunks at once): at most 96 wait, the rest are dropped (an honest fellow keeps 48 in
    // flight); the one being read when the flood came is served too. Chunk 500 is no chunk of the file.
    for (let k = 0; k < 10; k++) channel.receive(JSON.stringify({ t: 'want', chunks: [...Array(10).keys(), 500] }));
    await settle();
    const served = channel.sent.filter((m) => typeof m !== 'string').flatMap((m) => decodeChunks(m as ArrayBuffer).map((c) => c.index));
    expect(served).toHaveLength(97);
    expect(served.every((i) => i < 10)).toBe(true);
    links.close();
  });

  it('drops an ask nobody answered and asks that fellow no more', async () => {
    let now = 0;
    const { links } = swarm(() => now);
    links.update(['m-bea']);
    await settle();
    const channel = made[0]!.channels[0] as FakeChannel;
    channel.open();
    channel.receive(JSON.stringify({ t: 'got', chunks: [40, 41] }));
    links.ask('m-bea', [40]);
    now = ASK_TIMEOUT_MS - 1;
    links.expire();
    expect(links.isInFlight(40)).toBe(true);
    now = ASK_TIMEOUT_MS;
    links.expire();
    expect(links.isInFlight(40)).toBe(false);
    expect(links.peerHas('m-bea', 41)).toBe(false);
    links.close();
  });
});
