import { describe, expect, it } from 'vitest';
import { PeerMode } from '../src/p2p/peerMode';
import type { Timeline } from '../src/engine/timeline';

const FILM = 'https://example.com/film.mp4';
const server7: Timeline = { mediaId: FILM, state: 'playing', anchorPositionMs: 0, anchorTimeMs: 1_000, rate: 1, version: 7 };
const peers8: Timeline = { ...server7, state: 'paused', anchorPositionMs: 40_000, anchorTimeMs: 41_000, version: 8 };
const peers9: Timeline = { ...peers8, anchorPositionMs: 90_000, version: 9 };

function lostAndPaused(): PeerMode {
  const m = new PeerMode();
  m.lose(server7);
  expect(m.peerTimeline(peers8, 7, 'm-a')).toBe(true);
  return m;
}

describe('PeerMode', () => {
  it('follows the server until it is lost, then plays on from the server\'s last timeline', () => {
    const m = new PeerMode();
    expect(m.serverTimeline(server7)).toBe('normal');
    expect(m.peerTimeline(peers8, 7, 'm-a')).toBe(false);

    m.lose(server7);

    expect([m.mode, m.base, m.timeline]).toEqual(['peers', 7, server7]);
    expect(m.changed).toBe(false);
  });

  it('takes only newer peer timelines, and a newer base wins', () => {
    const m = lostAndPaused();
    expect(m.peerTimeline(peers8, 7, 'm-a')).toBe(false);
    expect(m.peerTimeline({ ...peers8, version: 6 }, 7, 'm-a')).toBe(false);
    expect(m.peerTimeline(peers9, 7, 'm-a')).toBe(true);
    expect(m.peerTimeline({ ...server7, version: 8 }, 6, 'm-a')).toBe(false);

    const fromLaterBase: Timeline = { ...server7, version: 8 };
    expect(m.peerTimeline(fromLaterBase, 8, 'm-b')).toBe(true);
    expect([m.base, m.timeline]).toEqual([8, fromLaterBase]);
  });

  it('equal versions from two deciders one after the other: the more senior decider\'s wins, everywhere', () => {
    const junior = lostAndPaused(); // holds m-a's version 8
    const other: Timeline = { ...peers8, anchorPositionMs: 1_000 };
    expect(junior.peerTimeline(other, 7, 'm-b')).toBe(false); // m-b is junior to m-a
    const senior = new PeerMode();
    senior.lose(server7);
    expect(senior.peerTimeline(other, 7, 'm-b')).toBe(true);
    expect(senior.peerTimeline(peers8, 7, 'm-a')).toBe(true); // m-a's equal version wins over m-b's
    expect([senior.timeline, junior.timeline]).toEqual([peers8, peers8]);
  });

  it('takes peer timelines only while playing on its peers', () => {
    const m = lostAndPaused();
    m.serverJoined(server7, 0);
    expect(m.peerTimeline(peers9, 7, 'm-a')).toBe(false);
  });

  it('holds the peers\' timeline against late server messages while the server is lost', () => {
    const m = lostAndPaused();
    expect(m.serverTimeline({ ...server7, version: 9 })).toBe('hold');
  });

  it('server back and unmoved: the acting authority hands back the peers\' timeline as it is', () => {
    const m = lostAndPaused();

    expect(m.serverJoined(server7, 0)).toEqual({ do: 'handBack', afterMs: 0 });
    expect(m.mode).toBe('returning');
    expect(m.handBack('h1')).toEqual({ type: 'handBack', version: 7, mediaId: FILM, state: 'paused', anchorPositionMs: 40_000,
      anchorTimeMs: 41_000, rate: 1, ref: 'h1' });
    expect(m.serverTimeline(server7)).toBe('hold'); // e.g. a conflict's timeline still at the base
    expect(m.serverTimeline({ ...peers8, version: 8 })).toBe('replace'); // the hand-back taken: version base + 1
    expect(m.mode).toBe('server');
    expect(m.handBack('h2')).toBeUndefined();
  });

  it('server back and moved: the server\'s timeline wins at once', () => {
    const m = lostAndPaused();
    expect(m.serverJoined({ ...server7, version: 8 }, 0)).toEqual({ do: 'followServer' });
    expect(m.mode).toBe('server');
    expect(m.serverTimeline(server7)).toBe('normal');
  });

  it('server back, nothing changed among the peers: nothing to hand back', () => {
    const m = new PeerMode();
    m.lose(server7);
    expect(m.serverJoined(server7, 0)).toEqual({ do: 'followServer' });
    expect(m.mode).toBe('server');
  });

  it('a member who may not control waits for the server\'s next timeline', () => {
    const m = lostAndPaused();
    expect(m.serverJoined(server7, -1)).toEqual({ do: 'wait' });
    expect(m.serverTimeline({ ...server7, version: 8 })).toBe('replace');
  });
});
