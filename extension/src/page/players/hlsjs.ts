import type { AdBreak } from '../../shared/adBreaks';
import type { SiteAdapter } from '../adapters';
import { AD_ATTRIBUTES, AD_CLASSES } from './adMarkers';
import { GlobalPlayer, loose, runOnElement, type Loose } from './found';

/**
 * hls.js: it plays through the page's media element and has no play or seek of its own, so the commands go to the
 * element; the ad breaks are its playlists' date ranges (placed on the media timeline by their program date-time).
 */
const player = new GlobalPlayer(
  (win, candidate) => {
    const ctor = (win as unknown as Loose).Hls;
    return typeof ctor === 'function' && candidate instanceof (ctor as new () => object);
  },
  (p) => (p.media instanceof HTMLMediaElement ? p.media : undefined),
);

function isAd(range: Loose): boolean {
  if (AD_CLASSES.has(String(range.class))) return true;
  const attr = loose(range.attr);
  return attr !== undefined && AD_ATTRIBUTES.some((a) => attr[a] !== undefined);
}

export const hlsjsAdapter: SiteAdapter = {
  name: 'hls.js',
  matches: (win) => player.get(win) !== undefined,
  run: (win, op, value) => runOnElement(player.media(win), op, value),
  adBreaks(win): AdBreak[] {
    const hls = player.get(win);
    const levels = hls?.levels;
    if (!Array.isArray(levels) || levels.length === 0) return [];
    const current = typeof hls!.currentLevel === 'number' && hls!.currentLevel >= 0 ? hls!.currentLevel : 0;
    const ranges = loose(loose(loose(levels[current] ?? levels[0])?.details)?.dateRanges);
    if (!ranges) return [];
    const breaks: AdBreak[] = [];
    for (const value of Object.values(ranges)) {
      const range = loose(value);
      if (!range || !isAd(range)) continue;
      let start: unknown;
      let duration: unknown;
      try {
        start = range.startTime;
        duration = range.duration ?? range.plannedDuration;
      } catch {
        continue; // a range not yet placed on the timeline
      }
      if (typeof start !== 'number' || !Number.isFinite(start) || typeof duration !== 'number') continue;
      breaks.push({ startMs: start * 1000, durationMs: duration * 1000 });
    }
    return breaks;
  },
};
