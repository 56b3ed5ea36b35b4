/**
 * Received chunks of shared files, in IndexedDB: the page writes them as they arrive (a few at a time,
 * in one transaction), the service worker reads them to answer the <video>'s Range requests. Nothing
 * holds a whole file in memory. A file is kept for 24 h after it was last touched (docs: "Clean-up").
 */
import type { PeerFile } from './peerMedia';
import { runEnd } from './chunks';

const DB_NAME = 'cowatch-p2p';
const CHUNKS = 'chunks';
const FILES = 'files';
export const KEEP_MS = 24 * 60 * 60 * 1000;

export interface StoredFile extends PeerFile {
  /** When a chunk was last stored (epoch ms): the 24 h are counted from here. */
  touchedAt: number;
  /** Bytes stored so far. */
  bytes: number;
  /** The whole file's SHA-256 once checked, hex. */
  sha256?: string;
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

let opening: Promise<IDBDatabase> | undefined;

export function openStore(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const r = indexedDB.open(DB_NAME, 1);
    r.onupgradeneeded = () => {
      r.result.createObjectStore(CHUNKS);
      r.result.createObjectStore(FILES, { keyPath: 'shareId' });
    };
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => {
      opening = undefined;
      reject(r.error ?? new Error('IndexedDB is not available'));
    };
  });
  return opening;
}

/** Stores chunks of one file in one transaction, and the file's entry with them. */
export async function putChunks(file: StoredFile, chunks: ReadonlyArray<{ index: number; data: Uint8Array }>): Promise<void> {
  const db = await openStore();
  const tx = db.transaction([CHUNKS, FILES], 'readwrite');
  const store = tx.objectStore(CHUNKS);
  for (const c of chunks) store.put(c.data, [file.shareId, c.index]);
  tx.objectStore(FILES).put(file);
  await done(tx);
}

export async function getChunk(shareId: string, index: number): Promise<Uint8Array | undefined> {
  const db = await openStore();
  const v = await request(db.transaction(CHUNKS).objectStore(CHUNKS).get([shareId, index]));
  return v instanceof Uint8Array ? v : v instanceof ArrayBuffer ? new Uint8Array(v) : undefined;
}

/** Chunks [from, to) of a file, read in one transaction; throws when one is missing (the file is incomplete). */
export async function getChunkRange(shareId: string, from: number, to: number): Promise<Uint8Array[]> {
  const db = await openStore();
  const store = db.transaction(CHUNKS).objectStore(CHUNKS);
  const range = IDBKeyRange.bound([shareId, from], [shareId, to - 1]);
  const [keys, values] = await Promise.all([request(store.getAllKeys(range)), request(store.getAll(range))]);
  const out: Uint8Array[] = [];
  for (let i = from; i < to; i++) {
    const k = keys[i - from] as [string, number] | undefined;
    const v: unknown = values[i - from];
    if (k?.[1] !== i) throw new Error(`chunk ${i} is missing from storage`);
    out.push(v instanceof Uint8Array ? v : new Uint8Array(v as ArrayBuffer));
  }
  return out;
}

/** Where the run of stored chunks from `from` ends (exclusive), looked for below `to`: keys only, no data read. */
export async function storedRunEnd(shareId: string, from: number, to: number): Promise<number> {
  if (to <= from) return from;
  const db = await openStore();
  const keys = await request(db.transaction(CHUNKS).objectStore(CHUNKS)
    .getAllKeys(IDBKeyRange.bound([shareId, from], [shareId, to - 1])));
  return runEnd(keys.map((k) => (k as [string, number])[1]), from);
}

/** Chunk indices stored for a file: what a receiver that comes back does not ask for again. */
export async function storedIndices(shareId: string): Promise<number[]> {
  const db = await openStore();
  const keys = await request(db.transaction(CHUNKS).objectStore(CHUNKS)
    .getAllKeys(IDBKeyRange.bound([shareId, 0], [shareId, Number.MAX_SAFE_INTEGER])));
  return keys.map((k) => (k as [string, number])[1]);
}

export async function getFile(shareId: string): Promise<StoredFile | undefined> {
  const db = await openStore();
  return (await request(db.transaction(FILES).objectStore(FILES).get(shareId))) as StoredFile | undefined;
}

export async function listFiles(): Promise<StoredFile[]> {
  const db = await openStore();
  return (await request(db.transaction(FILES).objectStore(FILES).getAll())) as StoredFile[];
}

export async function removeFile(shareId: string): Promise<void> {
  const db = await openStore();
  const tx = db.transaction([CHUNKS, FILES], 'readwrite');
  tx.objectStore(CHUNKS).delete(IDBKeyRange.bound([shareId, 0], [shareId, Number.MAX_SAFE_INTEGER]));
  tx.objectStore(FILES).delete(shareId);
  await done(tx);
}

/** Removes files not touched for {@link KEEP_MS}; the ids removed. */
export async function removeExpired(nowMs: number): Promise<string[]> {
  const gone = (await listFiles()).filter((f) => nowMs - f.touchedAt > KEEP_MS).map((f) => f.shareId);
  for (const id of gone) await removeFile(id);
  return gone;
}
