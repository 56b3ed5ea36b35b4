import { describe, expect, it } from 'vitest';
import type { PlayerView } from '../../web/src/engine/controller';
import type { Player } from '../../web/src/engine/playerSync';
import { GestureFirstPlayer, type Gesture } from '../src/content/gestureFirst';

class FakeVideo implements Player {
  paused = true;
  positionMs = 0;
  nowMs = 1_000;
  calls: string[] = [];
  view(): PlayerView {
    return { paused: this.paused, busy: false, positionMs: this.positionMs, rate: 1, localTimeMs: this.nowMs };
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
  const video = new FakeVideo();
  const player = new GestureFirstPlayer(video, () => video.nowMs);
  const gestures: Gesture[] = [];
  player.onGesture = (kind) => gestures.push(kind);
  return { video, player, gestures };
}

describe('GestureFirstPlayer', () => {
  it('reports a play the person started before its event, when the engine next reads the video', () => {
    const { video, player, gestures } = setup();
    video.paused = false; // the site's play button, its event still queued
    expect(player.view().paused).toBe(false);
    expect(gestures).toEqual(['play']);
    expect(player.admit('play', video.nowMs)).toBe(false); // the late event is not a second gesture
    player.view();
    expect(gestures).toEqual(['play']);
  });

  it('reports a pause the person made on a video the engine had started', () => {
    const { video, player, gestures } = setup();
    void player.play();
    video.nowMs += 600;
    player.view();
    video.paused = true;
    player.view();
    expect(gestures).toEqual(['pause']);
    expect(player.admit('pause', video.nowMs)).toBe(false);
  });

  it('takes the engine\'s own commands for what they are, even while a site player is slow to follow', () => {
    const { video, player, gestures } = setup();
    video.play = () => Promise.resolve(); // a site adapter: the video starts a little later
    void player.play();
    video.nowMs += 200;
    player.view();
    video.paused = false;
    player.view();
    expect(player.admit('play', video.nowMs)).toBe(true); // its event goes on to the engine's echo guard
    player.pause();
    player.view();
    expect(gestures).toEqual([]);
  });

  it('reports a state that stays different once the command had time to take effect', () => {
    const { video, player, gestures } = setup();
    video.play = () => Promise.resolve(); // the site ignored the engine's play
    void player.play();
    video.nowMs += 600;
    player.view();
    expect(gestures).toEqual(['pause']);
  });

  it('lets a later event of the same kind through once the swallowed one is long past', () => {
    const { video, player } = setup();
    video.paused = false;
    player.view();
    video.nowMs += 1_500;
    expect(player.admit('play', video.nowMs)).toBe(true);
  });

  it('a video the site threw away reads as busy and its pause is nobody\'s gesture', () => {
    const video = new FakeVideo();
    let attached = true;
    const player = new GestureFirstPlayer(video, () => video.nowMs, () => attached);
    const gestures: Gesture[] = [];
    player.onGesture = (kind) => gestures.push(kind);
    void player.play();
    video.nowMs += 600;
    attached = false;
    video.paused = true; // the browser pauses a removed element
    expect(player.view().busy).toBe(true);
    expect(gestures).toEqual([]);
  });

  it('a play the browser refused leaves the video known as paused', async () => {
    const { video, player, gestures } = setup();
    video.play = () => Promise.reject(new Error('NotAllowedError'));
    await expect(player.play()).rejects.toThrow();
    video.nowMs += 600;
    player.view();
    expect(gestures).toEqual([]);
  });
});
