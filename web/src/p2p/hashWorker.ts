/**
 * A worker that computes a whole file's SHA-256 away from the page's main thread (offThreadHash.ts
 * starts it): the sharer's file read from its Blob, or a received file read back from IndexedDB. Web
 * Crypto's digest() takes the whole input at once (and a film does not belong in memory), WebAssembly
 * is not allowed by the page's Content-Security-Policy: so the incremental JavaScript SHA-256, which on
 * the main thread held up sending and playback for a second per 50 MB (bench/run p2p profile).
 */
import { Sha256 } from '../net/upload/sha256';
import { getChunkRange } from './chunkStore';
import type { HashJob, HashAnswer } from './offThreadHash';

/** Bytes of the sharer's file read at once; chunks of a received file read back in one transaction. */
const READ_BYTES = 4 * 1024 * 1024;
const READ_CHUNKS = 64;

declare const self: {
  onmessage: ((e: { data: HashJob }) => void) | null;
  postMessage(message: HashAnswer): void;
};

async function hashBlob(blob: Blob): Promise<string> {
  const sha = new Sha256();
  for (let at = 0; at < blob.size; at += READ_BYTES) {
    sha.update(new Uint8Array(await blob.slice(at, at + READ_BYTES).arrayBuffer()));
  }
  return sha.hex();
}

async function hashStored(shareId: string, count: number): Promise<string> {
  const sha = new Sha256();
  for (let from = 0; from < count; from += READ_CHUNKS) {
    for (const c of await getChunkRange(shareId, from, Math.min(count, from + READ_CHUNKS))) sha.update(c);
  }
  return sha.hex();
}

self.onmessage = (e) => {
  const job = e.data;
  const work = job.kind === 'blob' ? hashBlob(job.blob) : hashStored(job.shareId, job.count);
  work.then(
    (sha256) => self.postMessage({ sha256 }),
    (err: unknown) => self.postMessage({ error: err instanceof Error ? err.message : String(err) }),
  );
};
