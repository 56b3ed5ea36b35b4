import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FilmTime } from '../src/shared/adBreaks';
import { TO_PAGE, type ToPage } from '../src/shared/bridge';
import { SitePlayer } from '../src/content/sitePlayer';

/** The element as the content script reads it; the page's adapter is the one that moves it. */
const video = { currentTime: 0, paused: false, seeking: false, readyState: 4, playbackRate: 1, ended: false, buffered: { length: 0 } };
let posted: ToPage[];

beforeEach(() => {
  posted = [];
  Object.assign(video, { currentTime: 0, paused: false, seeking: false, readyState: 4, playbackRate: 1 });
  vi.stubGlobal('window', {
    location: { origin: 'https://films.example' },
    postMessage: (m: ToPage) => posted.push(m),
  });
});

afterEach(() => vi.unstubAllGlobals());

function player(): SitePlayer {
  const p = new SitePlayer(video as unknown as HTMLVideoElement, () => 1_000, 'shaka-player');
  // A 6 s ad at 20 s of the film.
  p.filmTime = new FilmTime([{ startMs: 20_000, durationMs: 6_000 }]);
  return p;
}

describe('SitePlayer in a stream with an ad break', () => {
  it('reads the film position around the break, and is busy while the break plays', () => {
    const p = player();
    video.currentTime = 12;
    expect(p.view()).toMatchObject({ positionMs: 12_000, busy: false });
    video.currentTime = 23;
    expect(p.view()).toMatchObject({ positionMs: 20_000, busy: true });
    expect(p.inBreak()).toBe(true);
    video.currentTime = 31;
    expect(p.view()).toMatchObject({ positionMs: 25_000, busy: false });
    expect(p.inBreak()).toBe(false);
  });

  it('asks the adapter for the media position of the film position sought', () => {
    const p = player();
    p.seek(25_000);
    p.seek(10_000);
    expect(posted).toEqual([
      { channel: TO_PAGE, kind: 'command', id: 1, op: 'seek', value: 31_000 },
      { channel: TO_PAGE, kind: 'command', id: 2, op: 'seek', value: 10_000 },
    ]);
    p.close();
  });

  it('sets the rate it was asked for again when the site put back one of its own', () => {
    const p = player();
    p.setRate(1.04);
    video.playbackRate = 1; // the site's player, done fetching, restores its default
    p.restoreRate();
    video.playbackRate = 1.04;
    p.restoreRate(); // nothing to restore
    expect(posted.filter((m) => m.kind === 'command').map((m) => m.kind === 'command' && [m.op, m.value]))
      .toEqual([['rate', 1.04], ['rate', 1.04]]);
    p.close();
  });

  it('is busy while the site says its player fetches, though the element plays on', () => {
    const p = player();
    video.currentTime = 5;
    p.siteBusy = true;
    expect(p.view().busy).toBe(true);
    p.siteBusy = false;
    expect(p.view().busy).toBe(false);
  });
});
