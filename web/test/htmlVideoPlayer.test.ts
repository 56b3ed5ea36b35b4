import { describe, expect, it } from 'vitest';
import { HtmlVideoPlayer, STILL_MS } from '../src/player/htmlVideoPlayer';

/** Just what view() reads of a <video>. */
class FakeVideo {
  paused = false;
  seeking = false;
  readyState = 4;
  currentTime = 10;
  playbackRate = 1;
}

function player(video: FakeVideo, clock: { now: number }): HtmlVideoPlayer {
  return new HtmlVideoPlayer(video as unknown as HTMLVideoElement, () => clock.now);
}

describe('HtmlVideoPlayer.view', () => {
  it('a video playing on at HAVE_CURRENT_DATA, as WebKit does for a whole film, is not stalled', () => {
    const video = Object.assign(new FakeVideo(), { readyState: 2 });
    const clock = { now: 0 };
    const p = player(video, clock);
    for (let i = 0; i < 50; i++) {
      clock.now += 20;
      video.currentTime += 0.02;
      expect(p.view().busy, `step ${i}`).toBe(false);
    }
  });

  it('a playing video short of data whose clock stands still is stalled once still for STILL_MS', () => {
    const video = new FakeVideo();
    const clock = { now: 0 };
    const p = player(video, clock);
    expect(p.view().busy).toBe(false);
    video.readyState = 2;
    clock.now += STILL_MS - 1;
    expect(p.view().busy).toBe(false);
    clock.now += 1;
    expect(p.view().busy).toBe(true);
    video.currentTime += 0.02; // data again: the clock moves
    clock.now += 20;
    expect(p.view().busy).toBe(false);
  });

  it('a paused video short of data is not stalled; a seeking or loading one is busy', () => {
    const video = Object.assign(new FakeVideo(), { paused: true, readyState: 2 });
    const clock = { now: 0 };
    const p = player(video, clock);
    clock.now += 1_000;
    expect(p.view().busy).toBe(false);
    video.seeking = true;
    expect(p.view().busy).toBe(true);
    video.seeking = false;
    video.readyState = 0;
    expect(p.view().busy).toBe(true);
  });
});
