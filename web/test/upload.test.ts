import { describe, expect, it } from 'vitest';
import { ResumeStore } from '../src/net/upload/resumeStore';
import { Sha256 } from '../src/net/upload/sha256';
import { TusHttp } from '../src/net/upload/tus';
import { Upload, titleOf, type UploadDeps, type UploadPhase } from '../src/net/upload/upload';
import { FakeTusServer, MemoryStorage, problem, testFile } from './fakeTus';

const CHUNK = 1_000;
const fixedChunks = { firstBytes: CHUNK, minBytes: CHUNK, maxBytes: CHUNK, targetMs: 1_000 };

/** An upload against the fake server, with a clock that moves 100 ms per reading and sleeps that only record. */
function setup(server = new FakeTusServer(), storage = new MemoryStorage()) {
  let now = 0;
  const slept: number[] = [];
  const tokens = {
    current: 'token-1',
    refreshed: 0,
    accessToken: async () => tokens.current,
    refresh: async (stale: string) => {
      tokens.refreshed++;
      if (stale === tokens.current) tokens.current = 'token-2';
      return { accessToken: tokens.current };
    },
  };
  const deps = (): UploadDeps => ({
    http: new TusHttp(tokens, server.fetch),
    limits: async () => server.limits,
    store: new ResumeStore(storage, () => now),
    userId: 'u1',
    now: () => (now += 100),
    sleep: async (ms) => {
      slept.push(ms);
    },
    chunks: fixedChunks,
    hashSliceBytes: 4096,
  });
  return { server, storage, slept, tokens, deps, upload: (file: File) => new Upload(file, deps()) };
}

function shaOf(bytes: Uint8Array): string {
  return new Sha256().update(bytes).hex();
}

async function bytesOf(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

function phases(upload: Upload): UploadPhase[] {
  const seen: UploadPhase[] = [];
  upload.onChange((s) => {
    if (seen[seen.length - 1] !== s.phase) seen.push(s.phase);
  });
  return seen;
}

describe('Upload: a new file', () => {
  it('creates the upload with the tus headers and metadata, then sends it in chunks in order', async () => {
    const { server, upload } = setup();
    const file = testFile(3_500);
    const u = upload(file);
    const seen = phases(u);
    await u.start();

    expect(u.state.phase).toBe('done');
    expect(u.state.progress.percent).toBe(100);
    expect(u.mediaId).toBe('m1');
    const post = server.requests('POST')[0]!;
    expect(post.headers).toMatchObject({ 'Tus-Resumable': '1.0.0', 'Upload-Length': '3500', Authorization: 'Bearer token-1' });
    const stored = server.uploads.get('m1')!;
    expect(stored.metadata).toEqual({ filename: 'holiday.mp4', filetype: 'video/mp4', title: 'holiday', sha256: shaOf(await bytesOf(file)) });
    expect(server.requests('PATCH').map((p) => [p.headers['Upload-Offset'], p.bodyBytes])).toEqual([
      ['0', 1000], ['1000', 1000], ['2000', 1000], ['3000', 500],
    ]);
    expect(server.requests('PATCH')[0]!.headers['Content-Type']).toBe('application/offset+octet-stream');
    expect(stored.data).toEqual(await bytesOf(file));
    expect(seen).toEqual(['checking', 'hashing', 'uploading', 'done']);
  });

  it('encodes non-ASCII names as UTF-8 in the metadata', async () => {
    const { server, upload } = setup();
    await upload(testFile(10, 'Ёлка – zimní.webm')).start();
    expect(server.uploads.get('m1')!.metadata['filename']).toBe('Ёлка – zimní.webm');
    expect(server.uploads.get('m1')!.metadata['title']).toBe('Ёлка – zimní');
  });

  it('reports the hashing as it goes', async () => {
    const { upload } = setup();
    const u = upload(testFile(10_000));
    const hashed: number[] = [];
    u.onChange((s) => s.phase === 'hashing' && s.hashing && hashed[hashed.length - 1] !== s.hashing.bytes && hashed.push(s.hashing.bytes));
    await u.start();
    expect(hashed).toEqual([0, 4096, 8192, 10_000]);
  });

  it('refreshes the token once on a 401 and goes on', async () => {
    const { server, tokens, upload } = setup();
    server.validTokens = new Set(['token-2']);
    await upload(testFile(1_500)).start();
    expect(tokens.refreshed).toBe(1);
    expect(server.uploads.get('m1')!.offset).toBe(1_500);
  });
});

describe('Upload: limits', () => {
  it('refuses a file over the largest size before reading it or creating anything', async () => {
    const { server, upload } = setup();
    server.limits = { maxFileBytes: 1_000, quotaBytes: 10_000, usedBytes: 0 };
    const u = upload(testFile(1_001));
    const seen = phases(u);
    await u.start();
    expect(u.state.failure).toEqual({ kind: 'too-large', bytes: 1_000, retryable: false });
    expect(seen).toEqual(['checking', 'failed']); // never hashing
    expect(server.seen).toEqual([]);
  });

  it('refuses a file bigger than the quota left, saying how much is left', async () => {
    const { server, upload } = setup();
    server.limits = { maxFileBytes: 100_000, quotaBytes: 10_000, usedBytes: 9_000 };
    const u = upload(testFile(1_001));
    await u.start();
    expect(u.state.failure).toEqual({ kind: 'quota', bytes: 1_000, retryable: false });
    expect(server.seen).toEqual([]);
  });

  it('explains the server\u2019s own 413 quota refusal', async () => {
    const { server, deps } = setup();
    server.limits = { maxFileBytes: 100_000, quotaBytes: 10_000, usedBytes: 9_800 };
    // The limits the page read said it fits; meanwhile another tab used the quota up.
    const u = new Upload(testFile(500), { ...deps(), limits: async () => ({ maxFileBytes: 100_000, quotaBytes: 10_000, usedBytes: 0 }) });
    await u.start();
    expect(u.state.failure).toEqual({ kind: 'quota', message: 'Only a little is left', retryable: false });
    expect(server.requests('PATCH')).toEqual([]);
  });
});

describe('Upload: failures on the way', () => {
  it('after a connection cut mid-chunk, waits, asks the server its offset and goes on from there', async () => {
    const { server, slept, upload } = setup();
    server.beforePatch = (n) => (n === 2 ? 'partial' : undefined);
    const file = testFile(3_000);
    const u = upload(file);
    const seen = phases(u);
    await u.start();

    expect(u.state.phase).toBe('done');
    expect(slept).toEqual([1_000]);
    expect(server.requests('HEAD')).toHaveLength(1);
    // The second chunk broke after 500 bytes; the next PATCH starts at 1500, not at 1000 or 0.
    expect(server.requests('PATCH').map((p) => p.headers['Upload-Offset'])).toEqual(['0', '1000', '1500', '2500']);
    expect(server.uploads.get('m1')!.data).toEqual(await bytesOf(file));
    expect(seen).toContain('retrying');
  });

  it('backs off longer each time, and gives up after the last retry keeping the upload to resume', async () => {
    const { server, slept, storage, deps } = setup();
    server.beforePatch = (n) => (n >= 2 ? problem(503, 'unavailable', 'busy') : undefined);
    const u = new Upload(testFile(3_000), { ...deps(), maxRetries: 4 });
    await u.start();
    expect(slept).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(u.state.failure).toMatchObject({ kind: 'network', retryable: true });
    expect(new ResumeStore(storage).all()).toHaveLength(1);

    server.beforePatch = undefined;
    u.resume(); // "try again"
    await u.start();
    expect(u.state.phase).toBe('done');
    expect(server.requests('POST')).toHaveLength(1);
  });

  it('honours Retry-After', async () => {
    const { server, slept, upload } = setup();
    server.beforePatch = (n) => (n === 1 ? problem(429, 'slow-down', 'wait', { 'Retry-After': '7' }) : undefined);
    await upload(testFile(1_000)).start();
    expect(slept).toEqual([7_000]);
  });

  it('on 409 (the server has another offset) takes the server\u2019s offset and goes on', async () => {
    const { server, slept, upload } = setup();
    const file = testFile(3_000);
    const bytes = await bytesOf(file);
    server.beforePatch = (n, id) => {
      if (n === 2) {
        // Another tab sent the second chunk meanwhile.
        const s = server.uploads.get(id)!;
        s.data.set(bytes.subarray(1000, 2000), 1000);
        s.offset = 2000;
      }
      return undefined;
    };
    const u = upload(file);
    await u.start();
    expect(u.state.phase).toBe('done');
    expect(slept).toEqual([]); // not a network failure: no wait
    expect(server.requests('PATCH').map((p) => p.headers['Upload-Offset'])).toEqual(['0', '1000', '2000']);
    expect(server.uploads.get('m1')!.data).toEqual(bytes);
  });

  it('says so when the server finds another checksum (460), and forgets the upload', async () => {
    const { server, storage, upload } = setup();
    server.verifyChecksum = () => false;
    const u = upload(testFile(2_000));
    await u.start();
    expect(u.state.failure).toMatchObject({ kind: 'checksum', retryable: true });
    expect(new ResumeStore(storage).all()).toEqual([]);
  });

  it('sends a checksum the server accepts', async () => {
    const { server, upload } = setup();
    server.verifyChecksum = (data, sha) => shaOf(data) === sha;
    const u = upload(testFile(2_345));
    await u.start();
    expect(u.state.phase).toBe('done');
  });
});

describe('Upload: resuming', () => {
  it('resumes a stored upload of the same file from the server\u2019s offset, without creating another', async () => {
    const server = new FakeTusServer();
    const storage = new MemoryStorage();
    const file = testFile(5_000);
    // The first tab sends two chunks, then the connection dies for good (and the tab closes).
    const first = setup(server, storage);
    server.beforePatch = (n) => (n > 2 ? new Response(null, { status: 502 }) : undefined);
    const u1 = new Upload(file, { ...first.deps(), maxRetries: 1 });
    await u1.start();
    expect(u1.state.failure?.kind).toBe('network');
    expect(server.uploads.get('m1')!.offset).toBe(2_000);
    const patchedBefore = server.patchedBytes();

    // Later, a new page: the same file picked again.
    server.beforePatch = undefined;
    const again = testFile(5_000);
    const u2 = setup(server, storage).upload(again);
    await u2.start();

    expect(u2.state.phase).toBe('done');
    expect(u2.state.resumedFrom).toBe(2_000);
    expect(u2.mediaId).toBe('m1');
    expect(server.requests('POST')).toHaveLength(1);
    expect(server.patchedBytes() - patchedBefore).toBe(3_000);
    expect(server.uploads.get('m1')!.data).toEqual(await bytesOf(file));
    expect(new ResumeStore(storage).all()).toEqual([]); // done: forgotten
  });

  it('starts afresh when the stored upload has expired on the server', async () => {
    const { server, storage, upload } = setup();
    const file = testFile(1_500);
    const sha = shaOf(await bytesOf(file));
    new ResumeStore(storage).save({ userId: 'u1', name: file.name, size: file.size, lastModified: file.lastModified, sha256: sha, url: '/api/uploads/old', mediaId: 'old', savedAt: 0 });
    const u = upload(file);
    await u.start();
    expect(u.state.phase).toBe('done');
    expect(u.mediaId).toBe('m1');
    expect(server.requests('HEAD').map((h) => h.url)).toEqual(['/api/uploads/old']);
    expect(new ResumeStore(storage).all()).toEqual([]);
  });

  it('does not resume a file of the same name and size whose content differs', async () => {
    const { server, storage, upload } = setup();
    const file = testFile(1_500);
    new ResumeStore(storage).save({ userId: 'u1', name: file.name, size: file.size, lastModified: file.lastModified, sha256: 'f'.repeat(64), url: '/api/uploads/other', mediaId: 'other', savedAt: 0 });
    await upload(file).start();
    expect(server.requests('HEAD')).toEqual([]);
    expect(server.requests('POST')).toHaveLength(1);
  });

  it('does not resume another user\u2019s upload from the same browser', async () => {
    const { server, storage, upload } = setup();
    const file = testFile(1_500);
    const sha = shaOf(await bytesOf(file));
    new ResumeStore(storage).save({ userId: 'someone-else', name: file.name, size: file.size, lastModified: file.lastModified, sha256: sha, url: '/api/uploads/theirs', mediaId: 'theirs', savedAt: 0 });
    await upload(file).start();
    expect(server.requests('HEAD')).toEqual([]);
  });

  it('lets a stored upload resume even when the quota is used up (it counts in it already)', async () => {
    const { server, storage, upload } = setup();
    const file = testFile(2_000);
    server.beforePatch = (n) => (n === 2 ? new Response(null, { status: 500 }) : undefined);
    const u1 = new Upload(file, { ...setup(server, storage).deps(), maxRetries: 0 });
    await u1.start();
    server.beforePatch = undefined;
    server.limits = { ...server.limits, quotaBytes: server.limits.usedBytes }; // nothing left
    const u2 = upload(file);
    await u2.start();
    expect(u2.state.phase).toBe('done');
    expect(u2.state.resumedFrom).toBe(1_000);
  });
});

describe('Upload: pause and cancel', () => {
  it('pause cuts the PATCH under way; resume asks the offset and goes on', async () => {
    const { server, upload } = setup();
    let release!: () => void;
    server.gate = new Promise((r) => (release = r));
    const file = testFile(2_000);
    const u = upload(file);
    const done = u.start();
    await until(() => server.requests('PATCH').length === 1);
    u.pause();
    expect(u.state.phase).toBe('paused');
    await tick();
    server.gate = undefined;
    release();
    u.resume();
    await done;
    expect(u.state.phase).toBe('done');
    expect(server.requests('HEAD')).toHaveLength(1);
    expect(server.uploads.get('m1')!.data).toEqual(await bytesOf(file));
  });

  it('cancel stops sending, deletes the upload on the server and forgets it', async () => {
    const { server, storage, upload } = setup();
    let release!: () => void;
    server.gate = new Promise((r) => (release = r));
    const u = upload(testFile(5_000));
    const done = u.start();
    await until(() => server.requests('PATCH').length === 1);
    expect(new ResumeStore(storage).all()).toHaveLength(1);
    await u.cancel();
    release();
    await done;
    expect(u.state.phase).toBe('cancelled');
    expect(server.requests('DELETE').map((d) => d.url)).toEqual(['/api/uploads/m1']);
    expect(server.uploads.size).toBe(0);
    expect(server.requests('PATCH')).toHaveLength(1);
    expect(new ResumeStore(storage).all()).toEqual([]);
  });
});

describe('Upload: races with the person', () => {
  it('a PATCH that completes just as the person pauses moves the bar but stays paused', async () => {
    const { server, upload } = setup();
    const u = upload(testFile(3_000));
    server.beforePatch = (n) => {
      if (n === 2) u.pause(); // the answer is already on its way
      return undefined;
    };
    const done = u.start();
    await until(() => u.state.progress.bytes === 2_000);
    await tick();
    expect(u.state.phase).toBe('paused');
    expect(server.requests('PATCH')).toHaveLength(2);
    server.beforePatch = undefined;
    u.resume();
    await done;
    expect(u.state.phase).toBe('done');
  });

  it('a PATCH answered just as the person cancels does not bring the upload back', async () => {
    const { server, upload } = setup();
    const u = upload(testFile(3_000));
    server.beforePatch = (n) => {
      if (n === 2) void u.cancel(); // the answer is already on its way
      return undefined;
    };
    await u.start();
    await until(() => server.requests('DELETE').length === 1);
    expect(u.state.phase).toBe('cancelled');
    expect(server.requests('PATCH')).toHaveLength(2);
  });

  it('cancel while the server creates the upload deletes it once created and remembers nothing', async () => {
    const { server, storage, deps } = setup();
    let u!: Upload;
    const cancelling = async (input: RequestInfo | URL, init?: RequestInit) => {
      if (init?.method === 'POST') void u.cancel();
      return server.fetch(input, init);
    };
    u = new Upload(testFile(2_000), { ...deps(), http: new TusHttp({ accessToken: async () => 'token-1', refresh: async () => undefined }, cancelling) });
    await u.start();
    expect(u.state.phase).toBe('cancelled');
    expect(server.requests('DELETE').map((d) => d.url)).toEqual(['/api/uploads/m1']);
    expect(server.requests('PATCH')).toEqual([]);
    expect(new ResumeStore(storage).all()).toEqual([]);
  });
});

describe('titleOf', () => {
  it('drops the extension, keeps dots inside the name', () => {
    expect(titleOf('Summer.2024.final.mkv')).toBe('Summer.2024.final');
    expect(titleOf('.mp4')).toBe('.mp4');
    expect(titleOf('no extension')).toBe('no extension');
  });
});

const tick = () => new Promise((r) => setTimeout(r, 0));

async function until(test: () => boolean): Promise<void> {
  for (let i = 0; i < 1_000 && !test(); i++) await tick();
  if (!test()) throw new Error('condition never held');
}
