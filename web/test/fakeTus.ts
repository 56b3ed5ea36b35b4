import type { MediaLimits } from '../src/net/cowatchApi';

/** A request as the fake server saw it. */
export interface Seen {
  method: string;
  url: string;
  headers: Record<string, string>;
  bodyBytes: number;
}

interface Stored {
  length: number;
  data: Uint8Array;
  offset: number;
  metadata: Record<string, string>;
}

/**
 * A tus 1.0 server in memory, answering as the contract of docs/api.md says, with hooks to make
 * the next requests fail the ways the network and the server fail.
 */
export class FakeTusServer {
  readonly uploads = new Map<string, Stored>();
  readonly seen: Seen[] = [];
  limits: MediaLimits = { maxFileBytes: 1_000_000, quotaBytes: 10_000_000, usedBytes: 0 };
  /** Tokens the server takes. */
  validTokens = new Set(['token-1']);
  /** Checked against the metadata when the last byte arrives. */
  verifyChecksum: ((data: Uint8Array, sha256: string) => boolean) | undefined;
  /** Called before a PATCH is handled; may return an answer instead, or throw to cut the connection. */
  beforePatch: ((n: number, id: string, offset: number, body: Uint8Array) => Response | 'partial' | undefined) | undefined;
  /** Holds PATCHes until released (to pause or cancel one in flight). */
  gate: Promise<void> | undefined;
  private patches = 0;
  private nextId = 1;

  readonly fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = String(input);
    const method = init.method ?? 'GET';
    const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>));
    const body = init.body instanceof Blob ? new Uint8Array(await init.body.arrayBuffer()) : new Uint8Array(0);
    this.seen.push({ method, url, headers, bodyBytes: body.length });
    if (init.signal?.aborted) throw abortError();
    const token = (headers['Authorization'] ?? '').replace(/^Bearer /, '');
    if (!this.validTokens.has(token)) return problem(401, 'unauthorized', 'Sign in');
    if (headers['Tus-Resumable'] !== '1.0.0') return new Response(null, { status: 412 });
    if (url === '/api/uploads' && method === 'POST') return this.create(headers);
    const id = /^\/api\/uploads\/([^/]+)$/.exec(url)?.[1];
    const upload = id ? this.uploads.get(id) : undefined;
    if (!id || !upload) return problem(404, 'media-not-found', 'No such upload');
    if (method === 'HEAD') {
      return new Response(null, { status: 200, headers: { 'Upload-Offset': String(upload.offset), 'Upload-Length': String(upload.length), 'Cache-Control': 'no-store' } });
    }
    if (method === 'DELETE') {
      this.uploads.delete(id);
      return new Response(null, { status: 204 });
    }
    if (method === 'PATCH') return this.patch(id, upload, headers, body, init.signal ?? undefined);
    return new Response(null, { status: 405 });
  };

  /** Bytes of every PATCH body sent so far. */
  patchedBytes(): number {
    return this.seen.filter((s) => s.method === 'PATCH').reduce((n, s) => n + s.bodyBytes, 0);
  }

  requests(method: string): Seen[] {
    return this.seen.filter((s) => s.method === method);
  }

  private create(headers: Record<string, string>): Response {
    const length = Number(headers['Upload-Length']);
    if (!Number.isInteger(length) || length < 0) return problem(400, 'invalid-upload', 'Upload-Length');
    if (length > this.limits.maxFileBytes) return problem(413, 'media-too-large', 'Too large');
    if (length > this.limits.quotaBytes - this.limits.usedBytes) return problem(413, 'quota-exceeded', 'Only a little is left');
    const id = `m${this.nextId++}`;
    this.uploads.set(id, { length, data: new Uint8Array(length), offset: 0, metadata: decodeMetadata(headers['Upload-Metadata'] ?? '') });
    this.limits = { ...this.limits, usedBytes: this.limits.usedBytes + length };
    return new Response(null, {
      status: 201,
      // A day from now, as the server says: a fixed date here became a time bomb once the calendar passed it.
      headers: { Location: `/api/uploads/${id}`, 'Cowatch-Media-Id': id, 'Upload-Expires': new Date(Date.now() + 86_400_000).toUTCString() },
    });
  }

  private async patch(id: string, upload: Stored, headers: Record<string, string>, body: Uint8Array, signal?: AbortSignal): Promise<Response> {
    if (headers['Content-Type'] !== 'application/offset+octet-stream') return new Response(null, { status: 415 });
    const offset = Number(headers['Upload-Offset']);
    const n = ++this.patches;
    if (this.gate) {
      const gate = this.gate;
      await new Promise<void>((resolve, reject) => {
        signal?.addEventListener('abort', () => reject(abortError()), { once: true });
        void gate.then(resolve);
      });
    }
    const hook = this.beforePatch?.(n, id, offset, body);
    if (offset !== upload.offset) return problem(409, 'offset-mismatch', `offset is ${upload.offset}`);
    if (hook === 'partial') {
      // The connection breaks halfway: the server keeps what arrived, the client hears nothing.
      const half = Math.floor(body.length / 2);
      upload.data.set(body.subarray(0, half), offset);
      upload.offset += half;
      throw new TypeError('Failed to fetch');
    }
    if (hook) return hook;
    if (offset + body.length > upload.length) return problem(400, 'invalid-upload', 'past the end');
    upload.data.set(body, offset);
    upload.offset += body.length;
    if (upload.offset === upload.length && this.verifyChecksum && !this.verifyChecksum(upload.data, upload.metadata['sha256'] ?? '')) {
      this.uploads.delete(id);
      return problem(460, 'checksum-mismatch', 'The file differs from its checksum');
    }
    return new Response(null, { status: 204, headers: { 'Upload-Offset': String(upload.offset) } });
  }
}

export function problem(status: number, slug: string, detail: string, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ type: `https://cowatch.dev/problems/${slug}`, title: slug, status, detail }), {
    status, headers: { 'Content-Type': 'application/problem+json', ...extra },
  });
}

function abortError(): Error {
  const e = new Error('The operation was aborted');
  e.name = 'AbortError';
  return e;
}

export function decodeMetadata(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of header.split(',').filter(Boolean)) {
    const [key, value] = pair.trim().split(' ');
    const binary = atob(value ?? '');
    out[key!] = new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  }
  return out;
}

/** localStorage in memory. */
export class MemoryStorage {
  readonly map = new Map<string, string>();
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.map.set(key, value);
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
}

/** A deterministic file of `size` bytes. */
export function testFile(size: number, name = 'holiday.mp4', lastModified = 1_700_000_000_000): File {
  const data = new Uint8Array(size);
  for (let i = 0; i < size; i++) data[i] = (i * 7 + (i >> 8)) & 0xff;
  return new File([data], name, { type: 'video/mp4', lastModified });
}
