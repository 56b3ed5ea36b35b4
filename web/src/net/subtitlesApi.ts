import { ApiError, NETWORK, readProblem, type Api } from './api';
import { media } from './cowatchApi';

/** Subtitle tracks of an uploaded media item (docs/api.md, "Subtitles"). */

export interface SubtitleTrackView {
  id: string;
  label: string;
  /** A BCP 47 tag; absent when the uploader did not give one. */
  language?: string;
  /** Path and query of the WebVTT file, signed for this viewer. */
  url: string;
  cues?: number;
}

export interface UploadedTrack extends SubtitleTrackView {
  /** What the conversion skipped, one line each (at most 20 and a count). */
  warnings: string[];
}

const base = (itemId: string) => `/api/media/${encodeURIComponent(itemId)}/subtitles`;

export const subtitlesApi = {
  list: (api: Api, itemId: string) =>
    api.get<{ tracks?: SubtitleTrackView[] }>(base(itemId)).then((r) => r.tracks ?? []),

  remove: (api: Api, itemId: string, trackId: string) => api.delete<void>(`${base(itemId)}/${encodeURIComponent(trackId)}`),

  /**
   * True when the caller owns the item. Asked of the caller's own library, which any identity may read: the item
   * itself answers everyone but its owner 404, which the browser logged as an error in every other member's console.
   */
  owns: (api: Api, itemId: string): Promise<boolean> =>
    media.list(api).then((items) => items.some((i) => i.id === itemId),
      (e: unknown) => {
        if (e instanceof ApiError && e.status === 401) return false;
        throw e;
      }),

  /**
   * Sends the file itself as the body (not JSON, so not through {@link Api.request}); the server
   * converts SRT or WebVTT in any common encoding.
   */
  async upload(api: Api, itemId: string, file: Blob, opts: { label?: string; language?: string },
    fetchFn: typeof fetch = (input, init) => fetch(input, init)): Promise<UploadedTrack> {
    const params = new URLSearchParams();
    if (opts.label) params.set('label', opts.label);
    if (opts.language) params.set('language', opts.language);
    const query = params.toString() ? `?${params.toString()}` : '';
    const token = await api.accessToken();
    const headers: Record<string, string> = {
      Accept: 'application/json, application/problem+json',
      'Content-Type': file.type || 'application/octet-stream',
    };
    if (token) headers['Authorization'] = `Bearer ${token}`;
    let res: Response;
    try {
      res = await fetchFn(base(itemId) + query, { method: 'POST', headers, body: file });
    } catch (e) {
      throw new ApiError(0, NETWORK, 'Network error', e instanceof Error ? e.message : String(e));
    }
    if (!res.ok) throw await readProblem(res);
    return (await res.json()) as UploadedTrack;
  },
};
