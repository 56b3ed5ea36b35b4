import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MemberView, SignalIn, SignalOut } from '../src/protocol';
import { addressPrivacy } from '../src/p2p/addressPrivacy';
import { PeerMesh, type MeshHost } from '../src/p2p/peerMesh';
import { installFakeRtc } from './fakeRtc';

/** A member answers a `sync` offer only from the member its own mesh chose to offer it. */
class Host implements MeshHost {
  readonly sent: Omit<SignalOut, 'type'>[] = [];
  private handler: ((s: SignalIn) => void) | undefined;
  constructor(readonly memberId: string) {}
  signal(m: Omit<SignalOut, 'type'>): boolean {
    this.sent.push(m);
    return true;
  }
  ownServerNowMs(): number {
    return 0;
  }
  serverNowMs(): number {
    return 0;
  }
  on(_event: 'signal', handler: (s: SignalIn) => void): () => void {
    this.handler = handler;
    return () => (this.handler = undefined);
  }
  deliver(s: SignalIn): void {
    this.handler?.(s);
  }
}

function member(id: string, connected = true): MemberView {
  return { id, name: id, role: 'guest', connection: connected ? 'connected' : 'disconnected', readiness: 'ready' } as MemberView;
}

function offer(from: string): SignalIn {
  return { type: 'signal', from, name: from, session: 'sess1', purpose: 'sync', kind: 'offer', payload: '{"sdp":"v=0"}' } as SignalIn;
}

const settle = () => new Promise((r) => setTimeout(r, 10));

describe('PeerMesh answers offers only from the member its mesh chose', () => {
  let made: ReturnType<typeof installFakeRtc>;
  let host: Host;
  let mesh: PeerMesh;

  beforeEach(() => {
    made = installFakeRtc();
    addressPrivacy().choose(false);
    host = new Host('m-b');
    mesh = new PeerMesh(host, async () => [], () => undefined, () => undefined);
  });
  afterEach(() => mesh.dispose());

  it('answers the member whose id sorts first', async () => {
    mesh.update([member('m-a'), member('m-b')]);
    host.deliver(offer('m-a'));
    await settle();
    expect(made).toHaveLength(1);
    expect(host.sent.map((m) => m.kind)).toContain('answer');
  });

  it('refuses an offer from a member whose id sorts after its own: it offers that one itself, and answers nothing', async () => {
    mesh.update([member('m-b'), member('m-c')]);
    host.deliver(offer('m-c'));
    await settle();
    expect(host.sent).toContainEqual({ to: 'm-c', session: 'sess1', purpose: 'sync', kind: 'refuse', payload: 'not-in-mesh' });
    expect(host.sent.map((m) => m.kind)).not.toContain('answer');
    // The one connection is its own offer (which shows m-c only what m-b chose to show it).
    expect(made).toHaveLength(host.sent.filter((m) => m.kind === 'offer').length);
  });

  it('refuses an offer from someone not in its member list', async () => {
    mesh.update([member('m-b')]);
    host.deliver(offer('m-a'));
    await settle();
    expect(made).toHaveLength(0);
    expect(host.sent.map((m) => m.kind)).toEqual(['refuse']);
  });

  it('refuses every offer in a room over the mesh size', async () => {
    const nine = ['m-a', 'm-b', 'm-c', 'm-d', 'm-e', 'm-f', 'm-g', 'm-h', 'm-i'].map((id) => member(id));
    mesh.update(nine);
    host.deliver(offer('m-a'));
    await settle();
    expect(made).toHaveLength(0);
    expect(host.sent.map((m) => m.kind)).toEqual(['refuse']);
  });

  it('makes no connection at all while hidden behind a relay the server does not have', async () => {
    addressPrivacy().choose(true);
    addressPrivacy().setRelay(false);
    mesh.update([member('m-a'), member('m-b'), member('m-c')]);
    host.deliver(offer('m-a'));
    await settle();
    expect(made).toHaveLength(0);
    expect(host.sent.map((m) => m.kind)).toEqual(['refuse']);
    addressPrivacy().setRelay(true);
  });
});
