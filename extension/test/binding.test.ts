import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RoomClient } from '../../web/src/net/roomClient';
import { STEP_MS } from '../../web/src/engine/playerSync';
import { FakeClient, ManualClock } from '../../web/test/fakes';
import { VideoBinding } from '../src/content/binding';

/** The page's <video> as the binding reads it: its state set by the test, its events fired by the test. */
class FakeVideo extends EventTarget {
  currentTime = 0;
  paused = true;
  seeking = false;
  readyState = 4;
  playbackRate = 1;
  ended = false;
  duration = 60;
  isConnected = true;
  buffered = { length: 0, start: () => 0, end: () => 0 };

  play(): Promise<void> {
    this.paused = false;
    this.dispatchEvent(new Event('play'));
    return Promise.resolve();
  }

  pause(): void {
    this.paused = true;
    this.dispatchEvent(new Event('pause'));
  }
}

let found: FakeVideo | undefined;
vi.mock('../src/content/findVideos', () => ({ mainVideo: () => found }));

function setup() {
  const clock = new ManualClock();
  const client = new FakeClient(clock);
  client.timeline = { mediaId: 'm', state: 'paused', anchorPositionMs: 0, anchorTimeMs: 0, rate: 1, version: 1 };
  const video = new FakeVideo();
  found = video;
  const binding = new VideoBinding(client as unknown as RoomClient);
  const run = (ms: number) => {
    for (let t = 0; t < ms; t += STEP_MS) {
      clock.advance(STEP_MS);
      vi.advanceTimersByTime(STEP_MS);
      binding.engine?.step();
    }
  };
  return { client, video, binding, run };
}

describe('VideoBinding', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    found = undefined;
  });

  it('takes a play the moment after binding for the person\'s, not the site\'s: the room plays and the video stays playing', () => {
    const { client, video, binding, run } = setup();
    binding.start();
    // Before the next scan (250 ms): the person presses play on the site's controls.
    void video.play();
    run(600);
    expect(client.sent).toContain('play');
    expect(video.paused).toBe(false);
    binding.stop();
  });

  it('after the site adapter rebinds the same element, a play at once is the person\'s too', () => {
    const { client, video, binding, run } = setup();
    binding.start();
    run(300);
    binding.useSiteAdapter('test-player'); // a new engine on the element, as when the page's adapter announces itself
    void video.play();
    run(600);
    expect(client.sent).toContain('play');
    binding.stop();
  });

  it('leaves what the site does to a new element that cannot play yet to the site (autoplay is nobody\'s gesture)', () => {
    const { client, video, binding, run } = setup();
    video.readyState = 1;
    binding.start();
    void video.play(); // the site autoplays while the element still loads
    run(100);
    expect(client.sent).not.toContain('play');
    binding.stop();
  });
});
