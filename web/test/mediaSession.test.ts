import { describe, expect, it } from 'vitest';
import { PlayingWakeLock, RoomMediaSession, type MediaSessionLike, type RoomIntents, type WakeLockLike } from '../src/ui/mediaSession';
import type { Timeline } from '../src/engine/timeline';

class FakeSession implements MediaSessionLike {
  metadata: MediaMetadata | null = null;
  playbackState: MediaSessionPlaybackState = 'none';
  readonly handlers = new Map<string, MediaSessionActionHandler | null>();
  positions: MediaPositionState[] = [];
  setActionHandler(action: MediaSessionAction, handler: MediaSessionActionHandler | null): void {
    this.handlers.set(action, handler);
  }
  setPositionState(state?: MediaPositionState): void {
    if (state) this.positions.push(state);
  }
  act(action: MediaSessionAction, details: Partial<MediaSessionActionDetails> = {}): void {
    this.handlers.get(action)?.({ action, ...details } as MediaSessionActionDetails);
  }
}

class FakeRoom implements RoomIntents {
  timeline: Timeline | undefined = { mediaId: 'm', state: 'paused', anchorPositionMs: 30_000, anchorTimeMs: 0, rate: 1, version: 3 };
  sent: string[] = [];
  expectedPositionMs(): number {
    return this.timeline?.anchorPositionMs ?? 0;
  }
  play(): void {
    this.sent.push('play');
  }
  pause(positionMs?: number): void {
    this.sent.push(`pause ${positionMs}`);
  }
  seek(positionMs: number): void {
    this.sent.push(`seek ${positionMs}`);
  }
}

function setup(durationMs = 60_000) {
  const session = new FakeSession();
  const room = new FakeRoom();
  const bridge = new RoomMediaSession(session, room, () => durationMs);
  bridge.attach();
  return { session, room, bridge };
}

describe('RoomMediaSession', () => {
  it('turns the lock screen\u2019s and media keys\u2019 actions into the room\u2019s intents', () => {
    const { session, room } = setup();
    session.act('pause'); // the room is paused already: nothing to ask
    session.act('play');
    room.timeline = { ...room.timeline!, state: 'playing' };
    session.act('play');
    session.act('pause');
    session.act('seekto', { seekTime: 12.5 });
    session.act('seekforward', {});
    session.act('seekbackward', { seekOffset: 5 });
    session.act('seekto', { seekTime: 600 }); // past the end: the end
    expect(room.sent).toEqual(['play', 'pause 30000', 'seek 12500', 'seek 40000', 'seek 25000', 'seek 60000']);
  });

  it('asks nothing of a room without a film', () => {
    const { session, room } = setup();
    room.timeline = { ...room.timeline!, mediaId: undefined as unknown as string };
    for (const a of ['play', 'pause', 'seekforward'] as MediaSessionAction[]) session.act(a);
    session.act('seekto', { seekTime: 3 });
    expect(room.sent).toEqual([]);
  });

  it('shows the room\u2019s state and position, writing only what changed, and clears all when disposed', () => {
    const { session, room, bridge } = setup();
    bridge.update('Film night');
    expect(session.playbackState).toBe('paused');
    expect(session.positions).toEqual([{ duration: 60, playbackRate: 1, position: 30 }]);
    bridge.update('Film night');
    expect(session.positions.length, 'nothing changed').toBe(1);
    room.timeline = { ...room.timeline!, state: 'playing', rate: 1.5 };
    bridge.update('Film night');
    expect(session.playbackState).toBe('playing');
    expect(session.positions.at(-1)).toEqual({ duration: 60, playbackRate: 1.5, position: 30 });
    bridge.dispose();
    expect(session.playbackState).toBe('none');
    expect([...session.handlers.values()].every((h) => h === null)).toBe(true);
  });

  it('does nothing where the browser has no Media Session', () => {
    const room = new FakeRoom();
    const bridge = new RoomMediaSession(undefined, room, () => 60_000);
    bridge.attach();
    bridge.update('x');
    bridge.dispose();
    expect(room.sent).toEqual([]);
  });
});

describe('PlayingWakeLock', () => {
  class FakeLock implements WakeLockLike {
    requests = 0;
    held: { released: boolean; release(): Promise<void> }[] = [];
    request(): Promise<{ released: boolean; release(): Promise<void> }> {
      this.requests++;
      const lock = { released: false, release: async () => { lock.released = true; } };
      this.held.push(lock);
      return Promise.resolve(lock);
    }
  }

  it('holds the screen on while the room plays and the page is shown, and asks again after the page was hidden', async () => {
    const fake = new FakeLock();
    let visible = true;
    const lock = new PlayingWakeLock(fake, () => visible);
    lock.update(true);
    lock.update(true);
    await Promise.resolve();
    await Promise.resolve();
    expect(fake.requests).toBe(1);
    expect(lock.holding).toBe(true);
    visible = false;
    fake.held[0].released = true; // the browser drops it when the page is hidden
    lock.update(true);
    expect(fake.requests).toBe(1);
    visible = true;
    lock.update(true);
    await Promise.resolve();
    await Promise.resolve();
    expect(fake.requests).toBe(2);
    lock.update(false);
    await Promise.resolve();
    expect(fake.held[1].released).toBe(true);
    expect(lock.holding).toBe(false);
  });
});
