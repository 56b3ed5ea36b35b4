import { describe, expect, it } from 'vitest';
import type { PlayerView } from '../../web/src/engine/controller';
import type { Player } from '../../web/src/engine/playerSync';
import { GestureFirstPlayer, type Gesture } from '../src/content/gestureFirst';

class FakeVideo implements Player {
  paused = true;
  positionMs = 0;
  calls: string[] = [];
  view(): PlayerView {
    return { paused: this.paused, busy: false, positionMs: this.positionMs, rate: 1, localTimeMs: 0 };
  }
  play(): Promise<void> {
    this.calls.push('play');
    this.paused = false;
    return Promise.resolve();
  }
  pause(): void {
    this.calls.push('pause');
    this.paused = true;
  }
  seek(positionMs: number): void {
    this.calls.push(`seek ${positionMs}`);
    this.positionMs = positionMs;
  }
  setRate(): void {
    this.calls.push('rate');
  }
}

function setup() {
  let now = 1_000;
  const video = new FakeVideo();
  const player = new GestureFirstPlayer(video, () => now);
  const gestures: Gesture[] = [];
  player.onGesture = (kind) => gestures.push(kind);
  return { video, player, gestures, advance: (ms: number) => (now += ms), now: () => now };
}

describe('GestureFirstPlayer', () => {
  it('reports a play the person started before its event, instead of pausing it', () => {
    const { video, player, gestures, now } = setup();
    video.paused = false; // the site's play button, its event still queued
    player.pause(); // the engine sees a playing video on a paused timeline
    expect(gestures).toEqual(['play']);
    expect(video.calls).toEqual([]);
    expect(player.admit('play', now())).toBe(false); // the late event is not a second gesture
  });

  it('reports a pause the person made before its event, instead of seeking the video on', () => {
    const { video, player, gestures, now } = setup();
    void player.play();
    video.paused = true;
    player.seek(5_000);
    expect(gestures).toEqual(['pause']);
    expect(video.calls).toEqual(['play']);
    expect(player.admit('pause', now())).toBe(false);
  });

  it('passes the engine\'s own commands through and reports nothing', () => {
    const { video, player, gestures, now } = setup();
    void player.play();
    expect(player.admit('play', now())).toBe(true); // the event of the engine's play (its echo guard drops it)
    player.seek(2_000);
    player.pause();
    expect(player.admit('pause', now())).toBe(true);
    expect(video.calls).toEqual(['play', 'seek 2000', 'pause']);
    expect(gestures).toEqual([]);
  });

  it('lets a later event of the same kind through once the swallowed one is long past', () => {
    const { video, player, advance, now } = setup();
    video.paused = false;
    player.pause();
    advance(1_500);
    expect(player.admit('play', now())).toBe(true);
  });

  it('a play the browser refused leaves the video known as paused', async () => {
    const { video, player, gestures } = setup();
    video.play = () => Promise.reject(new Error('NotAllowedError'));
    await expect(player.play()).rejects.toThrow();
    player.seek(1_000);
    expect(gestures).toEqual([]);
    expect(video.calls).toEqual(['seek 1000']);
  });
});
