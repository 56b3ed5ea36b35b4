import type { AdBreak } from '../../shared/adBreaks';
import type { SiteAdapter } from '../adapters';
import { AD_SCHEMES } from './adMarkers';
import { call, GlobalPlayer, loose, seeked, type Loose } from './found';

/**
 * dash.js: driven through its own play, pause, seek and rate (it keeps its own state of them beside the element);
 * the ad breaks are the manifest's periods that carry an ad event stream, where its streams (periods) are placed.
 */
const player = new GlobalPlayer(
  (win, candidate) => loose((win as unknown as Loose).dashjs) !== undefined
    && typeof candidate.getVideoElement === 'function' && typeof candidate.getStreamsFromManifest === 'function',
  (p) => {
    const v = call(p, 'getVideoElement');
    return v instanceof HTMLMediaElement ? v : undefined;
  },
);

function asList(value: unknown): Loose[] {
  if (Array.isArray(value)) return value.map(loose).filter((v): v is Loose => v !== undefined);
  const one = loose(value);
  return one ? [one] : [];
}

/** Whether a parsed period carries an ad event stream. */
function isAdPeriod(period: Loose): boolean {
  return asList(period.EventStream).some((s) => AD_SCHEMES.has(String(s.schemeIdUri)));
}

export const dashjsAdapter: SiteAdapter = {
  name: 'dash.js',
  matches: (win) => player.get(win) !== undefined,
  async run(win, op, value) {
    const p = player.get(win);
    const media = player.media(win);
    if (!p || !media) throw Object.assign(new Error('no player'), { name: 'NoPlayer' });
    switch (op) {
      case 'play':
        // dash.js's play() returns nothing: the element's own promise tells a refusal.
        call(p, 'play');
        return media.paused ? media.play() : undefined;
      case 'pause':
        call(p, 'pause');
        return;
      case 'seek':
        call(p, 'seek', value / 1000);
        return seeked(media);
      case 'rate':
        call(p, 'setPlaybackRate', value);
        return;
    }
  },
  adBreaks(win): AdBreak[] {
    const p = player.get(win);
    const manifest = loose(call(p, 'getManifest'));
    if (!manifest) return [];
    const periods = asList(manifest.Period);
    const streams = call(p, 'getStreamsFromManifest', manifest);
    if (!Array.isArray(streams)) return [];
    const breaks: AdBreak[] = [];
    for (const s of streams as Loose[]) {
      const period = periods[typeof s.index === 'number' ? s.index : -1];
      if (!period || !isAdPeriod(period) || typeof s.start !== 'number' || typeof s.duration !== 'number') continue;
      breaks.push({ startMs: s.start * 1000, durationMs: s.duration * 1000 });
    }
    return breaks;
  },
  buffering: (win) => call(player.get(win), 'isSeeking') === true,
};
