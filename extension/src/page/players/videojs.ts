import type { AdBreak } from '../../shared/adBreaks';
import type { SiteAdapter } from '../adapters';
import { AD_ATTRIBUTES, AD_CLASSES } from './adMarkers';
import { call, loose, seeked, type Loose } from './found';

/**
 * video.js (its own HTTP streaming for HLS and DASH): driven through the player's play, pause, currentTime and
 * playbackRate, which keep its controls and state right; its players are listed by video.js itself. The ad breaks
 * are the playlists' date ranges, which it hands on as cues of a metadata text track, one cue per attribute.
 */
/** Bounds on what is read of a page's tracks: a page with more gains nothing but its own slowness. */
const MAX_TRACKS = 50;
const MAX_CUES = 2_000;

function players(win: Window): Loose[] {
  const list = call(loose((win as unknown as Loose).videojs), 'getPlayers');
  const all = loose(list);
  return all ? Object.values(all).map(loose).filter((p): p is Loose => p !== undefined) : [];
}

function mediaOf(p: Loose): HTMLMediaElement | undefined {
  const el = loose(call(p, 'el')) as unknown;
  if (!(el instanceof HTMLElement)) return undefined;
  const media = el instanceof HTMLMediaElement ? el : el.querySelector('video, audio');
  return media instanceof HTMLMediaElement && media.isConnected ? media : undefined;
}

function current(win: Window): { player: Loose; media: HTMLMediaElement } | undefined {
  for (const player of players(win)) {
    const media = mediaOf(player);
    if (media) return { player, media };
  }
  return undefined;
}

function isAdCue(value: Loose | undefined): boolean {
  if (!value) return false;
  return (value.key === 'CLASS' && AD_CLASSES.has(String(value.data))) || AD_ATTRIBUTES.includes(String(value.key));
}

export const videojsAdapter: SiteAdapter = {
  name: 'video.js',
  matches: (win) => current(win) !== undefined,
  async run(win, op, value) {
    const c = current(win);
    if (!c) throw Object.assign(new Error('no player'), { name: 'NoPlayer' });
    switch (op) {
      case 'play': {
        const started = call(c.player, 'play');
        return started instanceof Promise ? (started as Promise<void>) : undefined;
      }
      case 'pause':
        call(c.player, 'pause');
        return;
      case 'seek':
        call(c.player, 'currentTime', value / 1000);
        return seeked(c.media);
      case 'rate':
        call(c.player, 'playbackRate', value);
        return;
    }
  },
  adBreaks(win): AdBreak[] {
    const c = current(win);
    // video.js's own list: outside Safari its tracks are its own, and the element's list is empty.
    const tracks = loose(c && call(c.player, 'textTracks'));
    const count = typeof tracks?.length === 'number' ? Math.min(tracks.length, MAX_TRACKS) : 0;
    const breaks: AdBreak[] = [];
    for (let i = 0; i < count; i++) {
      const track = loose(tracks![i]);
      if (!track || track.kind !== 'metadata') continue;
      // A disabled track holds no cues; hidden, it keeps them and shows nothing (metadata is never shown).
      if (track.mode === 'disabled') track.mode = 'hidden';
      const cues = loose(track.cues);
      const cueCount = typeof cues?.length === 'number' ? Math.min(cues.length, MAX_CUES) : 0;
      for (let j = 0; j < cueCount; j++) {
        const cue = loose(cues![j]);
        if (!cue || !isAdCue(loose(cue.value))) continue;
        const { startTime, endTime } = cue;
        if (typeof startTime !== 'number' || typeof endTime !== 'number') continue;
        breaks.push({ startMs: startTime * 1000, durationMs: (endTime - startTime) * 1000 });
      }
    }
    return breaks;
  },
  // The player marks itself waiting while its streaming fetches what the element needs next.
  buffering: (win) => {
    const c = current(win);
    return c !== undefined && call(c.player, 'hasClass', 'vjs-waiting') === true;
  },
};
