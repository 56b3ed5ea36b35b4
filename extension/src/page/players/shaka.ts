import type { AdBreak } from '../../shared/adBreaks';
import type { SiteAdapter } from '../adapters';
import { AD_SCHEMES } from './adMarkers';
import { call, GlobalPlayer, loose, runOnElement, type Loose } from './found';

/**
 * Shaka Player (DASH, HLS): it plays through the page's media element and follows what is done to it, so the
 * commands go to the element; what the element cannot tell comes from the player: its buffering, and the ad
 * regions of its manifest (DASH event streams, flattened onto the presentation timeline it plays).
 */
const player = new GlobalPlayer(
  (win, candidate) => {
    const ctor = loose(loose((win as unknown as Loose).shaka)?.Player);
    return typeof ctor === 'function' && candidate instanceof (ctor as unknown as new () => object);
  },
  (p) => call(p, 'getMediaElement') as HTMLMediaElement | undefined ?? undefined,
);

export const shakaAdapter: SiteAdapter = {
  name: 'shaka-player',
  matches: (win) => player.get(win) !== undefined,
  run: (win, op, value) => runOnElement(player.media(win), op, value),
  adBreaks(win): AdBreak[] {
    const regions = call(player.get(win), 'getAllTimelineRegions');
    if (!Array.isArray(regions)) return [];
    const breaks: AdBreak[] = [];
    for (const r of regions as Loose[]) {
      const start = r.startTime;
      const end = r.endTime;
      if (!AD_SCHEMES.has(String(r.schemeIdUri)) || typeof start !== 'number' || typeof end !== 'number') continue;
      breaks.push({ startMs: start * 1000, durationMs: (end - start) * 1000 });
    }
    return breaks;
  },
  buffering: (win) => call(player.get(win), 'isBuffering') === true,
};
