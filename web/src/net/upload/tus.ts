import { ApiError, NETWORK, readProblem } from '../api';

/**
 * The four requests of tus 1.0.0 (core, creation, termination) against `/api/uploads`, with the
 * Bearer token of the session and one refresh on a 401. Failures are {@link ApiError}s (status 0:
 * the server was not reached); an aborted PATCH rejects with the AbortError of fetch.
 */

export const TUS_VERSION = '1.0.0';
export const UPLOADS_PATH = '/api/uploads';

/** What the session gives: {@link Api} has both. */
export interface TokenSource {
  accessToken(): Promise<string | undefined>;
  refresh(staleToken: string): Promise<{ accessToken: string } | undefined>;
}

export interface CreatedUpload {
  /** Where the upload lives (`/api/uploads/{mediaId}`), as the server said. */
  url: string;
  mediaId: string;
  /** From `Upload-Expires`; unknown when absent. */
  expiresAt: number | undefined;
}

export interface UploadOffset {
  offset: number;
  length: number | undefined;
}

export class TusHttp {
  private readonly fetchFn: typeof fetch;

  constructor(private readonly tokens: TokenSource, fetchFn?: typeof fetch, private readonly base = '') {
    this.fetchFn = fetchFn ?? ((input, init) => fetch(input, init));
  }

  /** POST: a new upload of `length` bytes; it is a media item (status `uploading`) from now on. */
  async create(length: number, metadata: Record<string, string | undefined>): Promise<CreatedUpload> {
    const res = await this.send(UPLOADS_PATH, 'POST', {
      'Upload-Length': String(length),
      'Upload-Metadata': encodeMetadata(metadata),
    });
    if (res.status !== 201) throw await readProblem(res);
    const location = res.headers.get('Location');
    if (!location) throw new ApiError(res.status, 'invalid-response', 'No Location in the answer to the upload', undefined);
    const mediaId = res.headers.get('Cowatch-Media-Id') ?? decodeURIComponent(location.replace(/[?#].*$/, '').split('/').pop() ?? '');
    const expires = Date.parse(res.headers.get('Upload-Expires') ?? '');
    return { url: location, mediaId, expiresAt: Number.isFinite(expires) ? expires : undefined };
  }

  /** HEAD: how many bytes the server has. */
  async offset(url: string): Promise<UploadOffset> {
    const res = await this.send(url, 'HEAD', {});
    if (res.status !== 200 && res.status !== 204) throw await readProblem(res);
    const offset = headerNumber(res, 'Upload-Offset');
    if (offset === undefined) throw new ApiError(res.status, 'invalid-response', 'No Upload-Offset in the answer', undefined);
    return { offset, length: headerNumber(res, 'Upload-Length') };
  }

  /** PATCH: `body` belongs at `offset`; resolves to the server's new offset. */
  async patch(url: string, offset: number, body: Blob, signal?: AbortSignal): Promise<number> {
    const res = await this.send(url, 'PATCH', {
      'Upload-Offset': String(offset),
      'Content-Type': 'application/offset+octet-stream',
    }, body, signal);
    if (res.status !== 204 && res.status !== 200) throw await readProblem(res);
    const next = headerNumber(res, 'Upload-Offset');
    if (next === undefined) throw new ApiError(res.status, 'invalid-response', 'No Upload-Offset in the answer', undefined);
    return next;
  }

  /** DELETE: the partial file and its item are removed. An upload that is gone already counts as removed. */
  async terminate(url: string): Promise<void> {
    const res = await this.send(url, 'DELETE', {});
    if (res.ok || res.status === 404 || res.status === 410) return;
    throw await readProblem(res);
  }

  private async send(url: string, method: string, headers: Record<string, string>, body?: Blob, signal?: AbortSignal): Promise<Response> {
    const token = await this.tokens.accessToken();
    let res = await this.once(url, method, headers, token, body, signal);
    if (res.status === 401 && token) {
      const renewed = await this.tokens.refresh(token);
      if (renewed) res = await this.once(url, method, headers, renewed.accessToken, body, signal);
    }
    return res;
  }

  private async once(url: string, method: string, headers: Record<string, string>, token: string | undefined,
    body: Blob | undefined, signal: AbortSignal | undefined): Promise<Response> {
    const all: Record<string, string> = { 'Tus-Resumable': TUS_VERSION, Accept: 'application/json, application/problem+json', ...headers };
    if (token) all['Authorization'] = `Bearer ${token}`;
    try {
      const target = /^https?:\/\//i.test(url) ? url : this.base + url;
      return await this.fetchFn(target, { method, headers: all, cache: 'no-store', ...(body ? { body } : {}), ...(signal ? { signal } : {}) });
    } catch (e) {
      if (isAbort(e)) throw e;
      throw new ApiError(0, NETWORK, 'Network error', e instanceof Error ? e.message : String(e));
    }
  }
}

export function isAbort(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}

function headerNumber(res: Response, name: string): number | undefined {
  const raw = res.headers.get(name);
  if (raw === null || !/^\d+$/.test(raw.trim())) return undefined;
  return Number(raw.trim());
}

/** `key base64(value),key2 base64(value2)`: tus's Upload-Metadata, values as UTF-8; absent values are left out. */
export function encodeMetadata(metadata: Record<string, string | undefined>): string {
  return Object.entries(metadata)
    .filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')
    .map(([key, value]) => `${key} ${base64(value)}`)
    .join(',');
}

function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
