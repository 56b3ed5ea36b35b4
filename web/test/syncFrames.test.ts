import { describe, expect, it } from 'vitest';
import * as frames from '../src/p2p/syncFrames';
import { decodeFrame, encodeFrame, MAX_FRAME_CHARS, type SyncFrame } from '../src/p2p/syncFrames';
import file from '../../protocol/src/test/resources/p2p/sync-frame-vectors.json';

/** The same vectors protocol/.../SyncFramesVectorsTest.java runs on SyncFrames: both sides read the same frames. */
const vectors = file as unknown as {
  constants: Record<string, string | number>;
  cases: { name: string; text: string; expect: SyncFrame | null }[];
};

describe('the shared sync frame vectors', () => {
  it('has them, every frame both ways', () => {
    expect(vectors.cases.length).toBeGreaterThan(40);
    const kinds = new Set(vectors.cases.map((c) => c.expect?.t));
    for (const t of ['ping', 'pong', 'hello', 'intent', 'timeline', 'refused', 'chat', undefined]) expect(kinds).toContain(t);
  });
  it('has the constants', () => {
    for (const [name, value] of Object.entries(vectors.constants)) expect((frames as Record<string, unknown>)[name], name).toBe(value);
  });
  for (const c of vectors.cases) {
    it(c.name, () => {
      const decoded = decodeFrame(c.text);
      expect(decoded ?? null).toEqual(c.expect);
      // encodeFrame's form of it reads back the same here (and, as 'expect', in Java).
      if (decoded) expect(decodeFrame(encodeFrame(decoded))).toEqual(c.expect);
    });
  }
});

const timeline = { mediaId: 'f.mp4', state: 'paused' as const, anchorPositionMs: 1, anchorTimeMs: 2, rate: 1, version: 3 };

describe('sync frames', () => {
  const frames: SyncFrame[] = [
    { t: 'ping', t0: 1.5 },
    { t: 'pong', t0: 1, t1: 2, t2: 3 },
    { t: 'hello', memberId: 'm-ann', role: 'owner', serverVersion: 4, lost: true },
    { t: 'intent', intent: { type: 'seek', version: 3, positionMs: 5000 }, ref: 'r1' },
    { t: 'intent', intent: { type: 'pause', version: 3 }, ref: 'r2' },
    { t: 'timeline', timeline, base: 2, by: 'm-ann', cause: { memberId: 'm-ben', intent: 'pause' } },
    { t: 'timeline', timeline, base: 2, by: '', cause: { memberId: '', intent: 'server' } },
    { t: 'refused', ref: 'r1', code: 'conflict', timeline },
    { t: 'chat', lineId: 'l-1', memberId: 'm-ann', name: 'Ann', text: 'hi <b>', atMs: 9 },
  ];

  it.each(frames.map((f) => [f.t, f] as const))('%s round-trips', (_, f) => {
    expect(decodeFrame(encodeFrame(f))).toEqual(f);
  });

  it.each([
    ['not JSON', '{'],
    ['an array', '[]'],
    ['an unknown frame', '{"t":"shout"}'],
    ['a ping without t0', '{"t":"ping"}'],
    ['a role that is not one', '{"t":"hello","memberId":"m-a","role":"admin","serverVersion":1,"lost":false}'],
    ['an intent of another kind', '{"t":"intent","intent":{"type":"setMedia","version":1},"ref":"r"}'],
    ['a seek without a position', '{"t":"intent","intent":{"type":"seek","version":1},"ref":"r"}'],
    ['a timeline in no state', '{"t":"timeline","timeline":{"state":"dancing","anchorPositionMs":0,"anchorTimeMs":0,"rate":1,"version":1},"base":0,"by":"m-a","cause":{"memberId":"m-a","intent":"play"}}'],
    ['a timeline without its decider', '{"t":"timeline","timeline":{"state":"paused","anchorPositionMs":0,"anchorTimeMs":0,"rate":1,"version":1},"base":0,"cause":{"memberId":"m-a","intent":"play"}}'],
    ['an empty chat line', '{"t":"chat","lineId":"l","memberId":"m","name":"A","text":"  ","atMs":1}'],
    ['a chat line id with spaces', '{"t":"chat","lineId":"l 1","memberId":"m","name":"A","text":"x","atMs":1}'],
    ['a chat line of 1001 characters', JSON.stringify({ t: 'chat', lineId: 'l', memberId: 'm', name: 'A', text: 'x'.repeat(1001), atMs: 1 })],
    ['a frame over the size limit', JSON.stringify({ t: 'ping', t0: 1, pad: 'x'.repeat(MAX_FRAME_CHARS) })],
  ])('drops %s', (_, text) => {
    expect(decodeFrame(text)).toBeUndefined();
  });

  it('drops what is not text (a binary message)', () => {
    expect(decodeFrame(new ArrayBuffer(4))).toBeUndefined();
  });
});
