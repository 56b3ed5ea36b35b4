import { describe, expect, it } from 'vitest';
import { checkEpisodes, type EpisodeRow } from '../src/ui/episodeDraft';

const url = (u: string, duration = '', title = ''): EpisodeRow => ({ source: 'url', url: u, duration, title });
const upload = (mediaId: string, durationMs: number | null, title = ''): EpisodeRow => ({ source: 'upload', mediaId, durationMs, title });

describe('checkEpisodes', () => {
  it('sends URLs with their runtimes and uploads by id, in order', () => {
    expect(checkEpisodes([url('https://cdn.example/ep1.mp4', '0:42:10', ' Pilot '), upload('media:abc', 60_000)])).toEqual({
      ok: true,
      episodes: [{ mediaId: 'https://cdn.example/ep1.mp4', title: 'Pilot', durationMs: 2_530_000 }, { mediaId: 'media:abc' }],
    });
  });

  it('lets the last episode go without a runtime', () => {
    expect(checkEpisodes([url('https://cdn.example/film.mp4')])).toEqual({ ok: true, episodes: [{ mediaId: 'https://cdn.example/film.mp4' }] });
    expect(checkEpisodes([upload('media:a', 5_000), upload('media:b', null)]).ok).toBe(true);
  });

  it('asks for the runtime of every episode but the last', () => {
    expect(checkEpisodes([url('https://cdn.example/1.mp4'), url('https://cdn.example/2.mp4')]))
      .toEqual({ ok: false, index: 0, field: 'duration', error: 'plan.episodes.needsDuration' });
    expect(checkEpisodes([upload('media:a', null), url('https://cdn.example/2.mp4')]))
      .toEqual({ ok: false, index: 0, field: 'item', error: 'plan.episodes.itemNoDuration' });
  });

  it('names the first bad row and field', () => {
    expect(checkEpisodes([url('https://cdn.example/1.mp4', '1:75'), url('ftp://x/2.mp4')]))
      .toEqual({ ok: false, index: 0, field: 'duration', error: 'plan.episodes.badDuration' });
    expect(checkEpisodes([url('https://cdn.example/1.mp4', '0:10'), url('not a url')]))
      .toEqual({ ok: false, index: 1, field: 'url', error: 'plan.episodes.badUrl' });
    expect(checkEpisodes([url('javascript:alert(1)')])).toMatchObject({ ok: false, field: 'url' });
    expect(checkEpisodes([upload('', 5_000)])).toMatchObject({ ok: false, index: 0, field: 'item', error: 'plan.episodes.chooseItem' });
    expect(checkEpisodes([])).toMatchObject({ ok: false, error: 'plan.episodes.none' });
  });
});
