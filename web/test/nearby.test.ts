import { describe, expect, it, vi } from 'vitest';
import { compactSdp, decodeCode, encodeCode, MAX_CODE_CHARS, type Pairing } from '../src/nearby/pairingCode';
import { decideNearby, FIRST_TIMELINE, replaces } from '../src/nearby/nearbyTimeline';
import { decodeNearby, encodeNearby } from '../src/nearby/nearbyFrames';
import { NearbyRoom, type NearbyChannel } from '../src/nearby/nearbyRoom';
import { iceServersFor, validStun } from '../src/nearby/nearbySettings';
import { TOLERANCES } from '../src/engine/tolerances';
import type { Timeline } from '../src/engine/timeline';
import type { SignalIn } from '../src/protocol';

/** An SDP of the size a data-channel offer with a few host candidates has. */
const SDP = ['v=0', 'o=- 4611731400430051336 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'a=group:BUNDLE 0', 'a=extmap-allow-mixed',
  'a=msid-semantic: WMS', 'm=application 9 UDP/DTLS/SCTP webrtc-datachannel', 'c=IN IP4 0.0.0.0',
  'a=candidate:1467250027 1 udp 2122260223 192.168.1.23 54321 typ host generation 0 network-id 1',
  'a=candidate:1467250028 1 udp 2122262783 fd00::1 54322 typ host generation 0 network-id 2',
  'a=ice-ufrag:EsAw', 'a=ice-pwd:P2uYro0UCOQ4zxjKXaWCBui1', 'a=ice-options:trickle',
  'a=fingerprint:sha-256 D1:2F:6B:1E:9C:0A:77:4B:5D:2C:11:8E:0F:BA:44:39:71:6C:2D:93:E0:15:5B:A8:3C:7E:62:91:4F:D8:0B:AA',
  'a=setup:actpass', 'a=mid:0', 'a=sctp-port:5000', 'a=max-message-size:262144', ''].join('\r\n');

const OFFER: Pairing = { kind: 'offer', pairingId: 'abcdefgh12345678', name: 'Ann', sdp: SDP };

describe('pairing codes', () => {
  it('come back as they were made, whatever spaces and line breaks a chat put into them', async () => {
    const code = await encodeCode(OFFER);
    expect(code).toMatch(/^CW1O\.[A-Za-z0-9_-]+$/);
    expect(code.length).toBeLessThan(SDP.length); // compressed: it fits a QR code a phone reads easily
    const wrapped = code.replace(/(.{60})/g, '$1\n  ');
    expect(await decodeCode(wrapped, 'offer')).toEqual({ ok: true, pairing: { ...OFFER, sdp: compactSdp(SDP) } });
  });

  it('leave out of the description only what a data channel does not need', () => {
    const compact = compactSdp(`${SDP.trimEnd()}\r\na=candidate:9 1 tcp 1518280447 192.168.1.23 9 typ host tcptype active generation 0\r\n`);
    expect(compact).not.toMatch(/extmap-allow-mixed|msid-semantic|ice-options|generation|network-id|tcptype active/);
    expect(compact).toContain('a=candidate:1467250027 1 udp 2122260223 192.168.1.23 54321 typ host\r\n');
    for (const kept of ['a=ice-ufrag:EsAw', 'a=ice-pwd:', 'a=fingerprint:sha-256', 'a=setup:actpass', 'a=sctp-port:5000', 'm=application']) {
      expect(compact).toContain(kept);
    }
  });

  it('say which of the two they are: an answer pasted where an offer is asked for is refused as such', async () => {
    const answer = await encodeCode({ ...OFFER, kind: 'answer', name: 'Bea' });
    expect(answer.startsWith('CW1A.')).toBe(true);
    expect(await decodeCode(answer, 'offer')).toEqual({ ok: false, problem: 'wrong_kind' });
    expect(await decodeCode(await encodeCode(OFFER), 'answer')).toEqual({ ok: false, problem: 'wrong_kind' });
  });

  it('refuse what is not one, cut short, damaged or oversized, each with its reason', async () => {
    const code = await encodeCode(OFFER);
    expect(await decodeCode('   ', 'offer')).toEqual({ ok: false, problem: 'empty' });
    expect(await decodeCode('https://example.com/r/abc', 'offer')).toEqual({ ok: false, problem: 'not_a_code' });
    expect(await decodeCode(code.slice(0, code.length / 2), 'offer')).toEqual({ ok: false, problem: 'damaged' });
    const flipped = code.slice(0, 20) + (code[20] === 'A' ? 'B' : 'A') + code.slice(21);
    expect((await decodeCode(flipped, 'offer')).ok).toBe(false);
    expect(await decodeCode(`CW1O.${'A'.repeat(MAX_CODE_CHARS)}`, 'offer')).toEqual({ ok: false, problem: 'too_long' });
    // Valid deflate of a JSON that is not a pairing.
    const notPairing = await encodeCode({ ...OFFER, sdp: 'hello' });
    expect(await decodeCode(notPairing, 'offer')).toEqual({ ok: false, problem: 'damaged' });
  });

  it('never inflate a small text into a large one (a code is refused past 32 KiB of content)', async () => {
    const bomb = await encodeCode({ ...OFFER, sdp: `v=0${' '.repeat(3_000_000)}` });
    expect(bomb.length).toBeLessThan(MAX_CODE_CHARS);
    expect(await decodeCode(bomb, 'offer')).toEqual({ ok: false, problem: 'damaged' });
  });
});

describe("a nearby room's decisions", () => {
  const film: Timeline = { ...FIRST_TIMELINE, mediaId: 'peer:dev1/share1?n=film.mp4&s=1000&t=video%2Fmp4', version: 1 };

  it('choose a film paused at its start, and nothing without one', () => {
    const d = decideNearby(FIRST_TIMELINE, { type: 'setMedia', version: 0, mediaId: film.mediaId! }, 5_000, 0, TOLERANCES);
    expect(d).toEqual({ kind: 'changed', timeline: { mediaId: film.mediaId, state: 'paused', anchorPositionMs: 0, anchorTimeMs: 5_000, rate: 1, version: 1 } });
    expect(decideNearby(FIRST_TIMELINE, { type: 'play', version: 0 }, 5_000, 0, TOLERANCES)).toMatchObject({ kind: 'refused', code: 'no_media' });
    expect(decideNearby(film, { type: 'setMedia', version: 1, mediaId: 'x'.repeat(2_049) }, 5_000, 0, TOLERANCES))
      .toMatchObject({ kind: 'refused', code: 'invalid_argument' });
  });

  it('start a play a lead ahead, as a server room does', () => {
    const d = decideNearby(film, { type: 'play', version: 1 }, 10_000, 40, TOLERANCES);
    expect(d).toEqual({ kind: 'changed', timeline: { ...film, state: 'playing', anchorTimeMs: 10_000 + TOLERANCES.minLeadMs, version: 2 } });
  });

  it('settle two decisions of one version on the lower device id, on both devices', () => {
    const a = { timeline: { ...film, version: 2, state: 'playing' as const }, by: 'aaa' };
    const b = { timeline: { ...film, version: 2, anchorPositionMs: 30_000 }, by: 'bbb' };
    expect(replaces(a, b)).toBe(true);
    expect(replaces(b, a)).toBe(false);
    expect(replaces({ ...b, timeline: { ...b.timeline, version: 3 } }, a)).toBe(true);
    expect(replaces(a, a)).toBe(false);
  });
});

describe('nearby frames', () => {
  it('take what the other device may say and nothing else', () => {
    expect(decodeNearby(encodeNearby({ t: 'hi', deviceId: 'dev-1', name: 'Bea' }))).toEqual({ t: 'hi', deviceId: 'dev-1', name: 'Bea' });
    expect(decodeNearby(encodeNearby({ t: 'health', driftMs: 3.5 }))).toEqual({ t: 'health', driftMs: 3.5 });
    const signal = { t: 'signal', signal: { session: 'share1-abc', purpose: 'file', kind: 'offer', payload: '{"sdp":"v=0"}' } } as const;
    expect(decodeNearby(JSON.stringify(signal))).toEqual(signal);
    expect(decodeNearby(JSON.stringify({ t: 'hi', deviceId: '../x', name: 'Bea' }))).toBeUndefined();
    expect(decodeNearby(JSON.stringify({ t: 'hi', deviceId: 'd', name: 'B'.repeat(81) }))).toBeUndefined();
    expect(decodeNearby(JSON.stringify({ t: 'health', driftMs: 'NaN' }))).toBeUndefined();
    expect(decodeNearby(JSON.stringify({ t: 'signal', signal: { ...signal.signal, kind: 'exec' } }))).toBeUndefined();
    expect(decodeNearby(JSON.stringify({ t: 'signal', signal: { ...signal.signal, payload: 'x'.repeat(8_193) } }))).toBeUndefined();
    expect(decodeNearby(JSON.stringify({ t: 'hello', memberId: 'm', role: 'owner', serverVersion: 0, lost: false }))).toBeUndefined();
    expect(decodeNearby(JSON.stringify({ t: 'timeline', timeline: { state: 'playing', anchorPositionMs: 0, anchorTimeMs: 0, rate: 9, version: 1 },
      base: 0, by: 'a', cause: { memberId: 'a', intent: 'play' } }))).toBeUndefined();
    expect(decodeNearby('[1]')).toBeUndefined();
    expect(decodeNearby(42)).toBeUndefined();
  });
});

/** Two rooms joined by a channel that delivers each text after `delayMs` of the shared fake clock. */
class Wire {
  now = 1_000_000;
  private queue: { at: number; to: (t: string) => void; text: string }[] = [];
  constructor(readonly delayMs: number) {}

  ends(): [NearbyChannel, NearbyChannel] {
    const handlers: Array<(t: string) => void> = [() => undefined, () => undefined];
    const end = (me: number): NearbyChannel => ({
      send: (text) => this.queue.push({ at: this.now + this.delayMs, to: (t) => handlers[1 - me]!(t), text }),
      onMessage: (h) => (handlers[me] = h),
    });
    return [end(0), end(1)];
  }

  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      this.queue.sort((a, b) => a.at - b.at);
      const next = this.queue[0];
      if (!next || next.at > until) break;
      this.queue.shift();
      this.now = next.at;
      next.to(next.text);
    }
    this.now = until;
  }
}

function pair(delayMs: number, joinerClockAheadMs: number): { wire: Wire; ann: NearbyRoom; bea: NearbyRoom } {
  const wire = new Wire(delayMs);
  const [a, b] = wire.ends();
  const ann = new NearbyRoom(a, true, 'Ann', () => wire.now);
  const bea = new NearbyRoom(b, false, 'Bea', () => wire.now + joinerClockAheadMs);
  return { wire, ann, bea };
}

describe('a nearby room of two devices', () => {
  it("learns each other's names, and the joiner finds the starter's clock", () => {
    vi.useFakeTimers();
    const { wire, ann, bea } = pair(7, 12_345);
    for (let i = 0; i < 20; i++) {
      wire.advance(60);
      vi.advanceTimersByTime(60); // the joiner's next ping
    }
    vi.useRealTimers();
    expect(ann.peer?.name).toBe('Bea');
    expect(bea.peer?.name).toBe('Ann');
    expect(bea.clockSynced).toBe(true);
    expect(Math.abs(bea.serverNowMs() - ann.serverNowMs())).toBeLessThan(1);
    ann.dispose();
    bea.dispose();
  });

  it("plays, pauses and seeks from either side, and both end on one timeline; the other's pings are answered", () => {
    const { wire, ann, bea } = pair(20, -4_000);
    wire.advance(1_000);
    ann.setMedia('peer:dev/share?n=f.mp4&s=10&t=video%2Fmp4');
    wire.advance(100);
    bea.play();
    wire.advance(100);
    expect(ann.timeline).toEqual(bea.timeline);
    expect(ann.timeline.state).toBe('playing');
    ann.seek(60_000);
    wire.advance(100);
    expect(bea.timeline).toEqual(ann.timeline);
    expect(bea.timeline.anchorPositionMs).toBe(60_000);
    // Both pause at once: one version, two decisions; both keep the lower device id's.
    ann.pause(61_000);
    bea.pause(61_500);
    wire.advance(100);
    expect(ann.timeline).toEqual(bea.timeline);
    expect(ann.timeline.version).toBe(4);
    ann.dispose();
    bea.dispose();
  });

  it('refuses a play with no film in words, and tells a device that says hello later the timeline so far', () => {
    const wire = new Wire(5);
    const [a, b] = wire.ends();
    const ann = new NearbyRoom(a, true, 'Ann', () => wire.now);
    const refused: string[] = [];
    ann.on('refused', (c) => refused.push(c));
    ann.play();
    expect(refused).toEqual(['no_media']);
    ann.setMedia('https://example.com/film.mp4');
    ann.play();
    wire.advance(50); // nobody listens at the other end yet: these are lost
    const bea = new NearbyRoom(b, false, 'Bea', () => wire.now);
    expect(bea.timeline).toEqual(FIRST_TIMELINE);
    wire.advance(50);
    expect(bea.timeline).toEqual(ann.timeline);
    expect(bea.timeline.state).toBe('playing');
    ann.dispose();
    bea.dispose();
  });

  it("carries chat and a file transfer's signals, and drops a flood and what the other may not claim", () => {
    const { wire, ann, bea } = pair(5, 0);
    wire.advance(50);
    const lines: string[] = [];
    const signals: SignalIn[] = [];
    bea.on('chat', (l) => lines.push(`${l.name}: ${l.text}`));
    bea.on('signal', (s) => signals.push(s));
    expect(ann.chat('  hello  ')).toBe(true);
    expect(ann.chat('   ')).toBe(false);
    expect(ann.chat('x'.repeat(1_001))).toBe(false);
    ann.signal({ to: 'whoever', session: 'share1-s', purpose: 'file', kind: 'offer', payload: '{}' });
    wire.advance(50);
    expect(lines).toEqual(['Ann: hello']);
    expect(signals).toEqual([{ type: 'signal', from: ann.deviceId, name: 'Ann', session: 'share1-s', purpose: 'file', kind: 'offer', payload: '{}' }]);
    for (let i = 0; i < 200; i++) ann.chat(`line ${i}`);
    wire.advance(50);
    expect(lines.length).toBeLessThanOrEqual(51);
    ann.dispose();
    bea.dispose();
  });
});

describe('the STUN setting', () => {
  it('takes a stun: or stuns: address and nothing else', () => {
    expect(validStun('stun:stun.example.org:3478')).toBe(true);
    expect(validStun('stuns:[2001:db8::1]:5349')).toBe(true);
    expect(validStun('stun:10.0.0.1')).toBe(true);
    expect(validStun('turn:relay.example.org')).toBe(false);
    expect(validStun('stun:host:99999')).toBe(false);
    expect(validStun('stun:a b')).toBe(false);
    expect(iceServersFor('')).toEqual([]);
    expect(iceServersFor(' stun:stun.example.org ')).toEqual([{ urls: 'stun:stun.example.org' }]);
    expect(iceServersFor('javascript:alert(1)')).toEqual([]);
  });
});
