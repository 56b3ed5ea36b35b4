import { beforeEach, describe, expect, it } from 'vitest';
import { AddressPrivacy, addressPrivacy, hasRelay, HIDE_ADDRESS_KEY, hidesAddress, parseChoice, peersUnavailable,
  transportPolicy } from '../src/p2p/addressPrivacy';
import { PeerLink } from '../src/p2p/peerLink';
import { installFakeRtc } from './fakeRtc';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(k: string): string | null {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    this.items.set(k, v);
  }
}

const TURN: RTCIceServer[] = [{ urls: ['stun:turn.example.org:3478'] }, { urls: ['turn:turn.example.org:3478'], username: 'u', credential: 'c' }];

describe('hide my address: the rule', () => {
  it('is on by default for guests where the server has a relay, and off otherwise', () => {
    expect(hidesAddress(undefined, true, true)).toBe(true);
    expect(hidesAddress(undefined, true, false)).toBe(false);
    expect(hidesAddress(undefined, false, true)).toBe(false);
  });
  it('follows the viewer’s own choice either way', () => {
    expect(hidesAddress(false, true, true)).toBe(false);
    expect(hidesAddress(true, false, false)).toBe(true);
  });
  it('reads only what it wrote', () => {
    expect(parseChoice('on')).toBe(true);
    expect(parseChoice('off')).toBe(false);
    expect(parseChoice(null)).toBeUndefined();
    expect(parseChoice('yes')).toBeUndefined();
  });
  it('knows a relay by its turn: or turns: URL', () => {
    expect(hasRelay(TURN)).toBe(true);
    expect(hasRelay([{ urls: 'turns:relay.example.org:5349' }])).toBe(true);
    expect(hasRelay([{ urls: 'stun:stun.example.org' }])).toBe(false);
    expect(hasRelay([])).toBe(false);
  });
  it('uses the relay only while hidden, and says peers are unavailable when hidden without a relay', () => {
    expect(transportPolicy(true)).toBe('relay');
    expect(transportPolicy(false)).toBe('all');
    expect(peersUnavailable(true, false)).toBe(true);
    expect(peersUnavailable(true, true)).toBe(false);
    expect(peersUnavailable(false, false)).toBe(false);
    expect(peersUnavailable(true, undefined)).toBe(false); // not known yet: nothing to say
  });
  it('remembers the choice in the browser', () => {
    const storage = new MemoryStorage();
    const a = new AddressPrivacy(() => storage as unknown as Storage);
    a.setGuest(false);
    a.setRelay(true);
    expect(a.hidden).toBe(false);
    a.choose(true);
    expect(storage.items.get(HIDE_ADDRESS_KEY)).toBe('on');
    expect(new AddressPrivacy(() => storage as unknown as Storage).hidden).toBe(true);
  });
});

describe('hide my address: every peer connection', () => {
  let made: ReturnType<typeof installFakeRtc>;
  const port = { signal: () => true };

  beforeEach(() => {
    made = installFakeRtc();
    addressPrivacy().setGuest(false);
    addressPrivacy().setRelay(true);
  });

  it('gathers relay candidates only while the address is hidden', () => {
    addressPrivacy().choose(true);
    new PeerLink({ port, peer: 'm-b', session: 's1', purpose: 'sync', iceServers: TURN });
    expect(made).toHaveLength(1);
    expect(made[0]!.config.iceTransportPolicy).toBe('relay');
  });

  it('a guest hides by default where the server has a relay', () => {
    const guest = new AddressPrivacy(() => undefined);
    guest.setGuest(true);
    guest.setRelay(true);
    expect(guest.hidden).toBe(true);
  });

  it('connects every way when the viewer shows the address', () => {
    addressPrivacy().choose(false);
    new PeerLink({ port, peer: 'm-b', session: 's1', purpose: 'file', iceServers: TURN });
    expect(made[0]!.config.iceTransportPolicy).toBe('all');
  });
});
