import type { MessageKey } from '../i18n/i18n';
import { parseDuration } from './duration';

/**
 * One episode as the plan form holds it: an uploaded item (its runtime known to the server) or a
 * URL with a runtime typed as h:mm:ss.
 */
export type EpisodeRow =
  | { source: 'upload'; mediaId: string; title: string; durationMs: number | null | undefined }
  | { source: 'url'; url: string; duration: string; title: string };

export interface EpisodeBody {
  mediaId: string;
  title?: string;
  durationMs?: number;
}

export type EpisodeCheck =
  | { ok: true; episodes: EpisodeBody[] }
  | { ok: false; index: number; field: 'url' | 'duration' | 'item'; error: MessageKey };

/**
 * The episodes to send, or the first problem. Every episode but the last needs a runtime: the
 * next one starts when it ends (docs/api.md, "Showings"). An uploaded item's runtime is the
 * server's to look up, so it is not sent; one whose runtime is unknown can only be last.
 */
export function checkEpisodes(rows: EpisodeRow[]): EpisodeCheck {
  if (rows.length === 0) return { ok: false, index: 0, field: 'url', error: 'plan.episodes.none' };
  const episodes: EpisodeBody[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const last = i === rows.length - 1;
    const title = row.title.trim();
    if (row.source === 'upload') {
      if (!row.mediaId) return { ok: false, index: i, field: 'item', error: 'plan.episodes.chooseItem' };
      if (!last && !row.durationMs) return { ok: false, index: i, field: 'item', error: 'plan.episodes.itemNoDuration' };
      episodes.push({ mediaId: row.mediaId, ...(title ? { title } : {}) });
      continue;
    }
    const url = row.url.trim();
    if (!isHttpUrl(url)) return { ok: false, index: i, field: 'url', error: 'plan.episodes.badUrl' };
    const text = row.duration.trim();
    const durationMs = text ? parseDuration(text) : undefined;
    if (text && durationMs === undefined) return { ok: false, index: i, field: 'duration', error: 'plan.episodes.badDuration' };
    if (!last && durationMs === undefined) return { ok: false, index: i, field: 'duration', error: 'plan.episodes.needsDuration' };
    episodes.push({ mediaId: url, ...(title ? { title } : {}), ...(durationMs !== undefined ? { durationMs } : {}) });
  }
  return { ok: true, episodes };
}

function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
