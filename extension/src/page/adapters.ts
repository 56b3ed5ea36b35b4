import type { AdBreak } from '../shared/adBreaks';
import type { PlayerOp } from '../shared/bridge';
import { dashjsAdapter } from './players/dashjs';
import { hlsjsAdapter } from './players/hlsjs';
import { shakaAdapter } from './players/shaka';
import { videojsAdapter } from './players/videojs';

/**
 * A site whose player must be driven through its own API (it undoes direct writes to the
 * <video>, or keeps its own state beside it). Runs in the page's world, where that API lives.
 * Reading the position stays with the content script, which reads the <video> itself.
 */
export interface SiteAdapter {
  readonly name: string;
  matches(win: Window): boolean;
  /** Resolves when the player took the command; rejects with an Error whose name says why (NotAllowedError). */
  run(win: Window, op: PlayerOp, value: number): Promise<void> | void;
  /**
   * Whether the site's player shows an ad now, as its API says (many sites play ads in the same <video>, so
   * the element alone cannot tell). Absent: the site's ads are not known to the adapter.
   */
  adPlaying?(win: Window): boolean;
  /**
   * The ads spliced into the stream, on the media element's timeline, as the player knows them from its manifest
   * (shared/adBreaks.ts: the room's timeline is the film's). Absent: the stream has none the adapter knows.
   */
  adBreaks?(win: Window): AdBreak[];
  /** Whether the site's player is fetching what it needs to go on (a seek, a quality switch, a stall). */
  buffering?(win: Window): boolean;
}

/** The API of the project's test page that imitates such a site (e2e: api-player.html). */
interface DemoPlayerApi {
  play(): Promise<void>;
  pause(): void;
  seekTo(seconds: number): void;
  setSpeed(rate: number): void;
  isAdPlaying?(): boolean;
}

function demoPlayer(win: Window): DemoPlayerApi | undefined {
  const api = (win as unknown as { demoPlayer?: Partial<DemoPlayerApi> }).demoPlayer;
  return api && typeof api.seekTo === 'function' && typeof api.play === 'function' ? (api as DemoPlayerApi) : undefined;
}

export const demoPlayerAdapter: SiteAdapter = {
  name: 'demo-player',
  matches: (win) => win.location.pathname.endsWith('/api-player.html') && demoPlayer(win) !== undefined,
  run(win, op, value) {
    const api = demoPlayer(win)!;
    switch (op) {
      case 'play':
        return api.play();
      case 'pause':
        return api.pause();
      case 'seek':
        return api.seekTo(value / 1000);
      case 'rate':
        return api.setSpeed(value);
    }
  },
  adPlaying: (win) => demoPlayer(win)?.isAdPlaying?.() === true,
};

/**
 * Every site adapter; the first that matches the page is used. The streaming libraries' own come after the sites':
 * a site's player is often built on one of them and knows more (its ads, its rules).
 */
export const SITE_ADAPTERS: readonly SiteAdapter[] = [demoPlayerAdapter, videojsAdapter, shakaAdapter, dashjsAdapter, hlsjsAdapter];
