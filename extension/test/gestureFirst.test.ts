import { describe, expect, it } from 'vitest';
import type { Player, PlayerView } from '../../web/src/player/playerView';
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
    const player = new GestureFirstPlayer(video, () => video.nowMs, () => ({ attached, seeking: false }));
    const gestures: Gesture[] = [];
    player.onGesture = (kind) => gestures.push(kind);
    void player.play();
    video.nowMs += 600;
    attached = false;
    video.paused = true; // the browser pauses a removed element
    expect(player.view().busy).toBe(true);
    expect(gestures).toEqual([]);
  });

  it('reports a seek on the site\'s seek bar when it ends, before the engine could seek back', () => {
    const video = new FakeVideo();
    let seeking = false;
    const player = new GestureFirstPlayer(video, () => video.nowMs, () => ({ attached: true, seeking }));
    const gestures: Gesture[] = [];
    player.onGesture = (kind) => gestures.push(kind);
    player.view();
    seeking = true;
    video.positionMs = 20_000;
    player.view();
    expect(gestures).toEqual([]);
    seeking = false;
    video.nowMs += 100;
    player.view();
    expect(gestures).toEqual(['seeked']);
    expect(player.admit('seeked', video.nowMs)).toBe(false); // its late event is not a second gesture
  });

  it('takes the engine\'s own seek for what it is', () => {
    const video = new FakeVideo();
    let seeking = false;
    const player = new GestureFirstPlayer(video, () => video.nowMs, () => ({ attached: true, seeking }));
    const gestures: Gesture[] = [];
    player.onGesture = (kind) => gestures.push(kind);
    player.view();
    player.seek(30_000);
    seeking = true;
    player.view();
    seeking = false;
    player.view();
    expect(player.admit('seeked', video.nowMs)).toBe(true);
    video.nowMs += 20;
    player.view(); // the jump the engine's seek made
    expect(gestures).toEqual([]);
  });

  it('reports a jump between two readings as a seek', () => {
    const { video, player, gestures } = setup();
    player.view();
    video.positionMs = 45_000;
    video.nowMs += 20;
    player.view();
    expect(gestures).toEqual(['seeked']);
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
