/**
 * What goes over a file's data channel. Binary messages are chunks: index (u32, big-endian), the
 * chunk's SHA-256 (32 bytes), then its bytes; or, to a receiver that asked for them (`want.bundle`),
 * bundles of several chunks in one message: BUNDLE_MARK (u32; no chunk has that index), the count (u32),
 * then per chunk its index (u32), SHA-256 (32 bytes), length (u32) and bytes. Text messages are JSON
 * control messages.
 */
export const CHUNK_HEADER_BYTES = 4 + 32;
/** Chunks of one bundle at most: 3 x 64 KiB and headers stay under the 256 KiB a data channel message may be. */
export const MAX_BUNDLE_CHUNKS = 3;
const BUNDLE_MARK = 0xffffffff;
const BUNDLE_HEADER_BYTES = 8;
const BUNDLED_CHUNK_HEADER_BYTES = 4 + 32 + 4;

export type Control =
  /** Sharer -> receiver on open: what the file is. */
  | { t: 'info'; name: string; size: number; type: string; chunkBytes: number }
  /**
   * Receiver -> sharer: send these chunks, in this order, after those asked for before; with `replace`,
   * instead of those not sent yet (the receiver's player jumped somewhere else).
   */
  | { t: 'want'; chunks: number[]; replace?: boolean; bundle?: number; swarm?: boolean; direct?: boolean }
  /** Sharer -> receiver: the whole file's SHA-256, once the sharer has read all of it. */
  | { t: 'hash'; sha256: string }
  /** Receiver -> sharer: how it stands, for the sharer's progress line. */
  | { t: 'have'; bytes: number; playing: boolean }
  /** Either side: a failure the other should show (checksum of the whole file, storage full). */
  | { t: 'fail'; reason: string }
  /** Sharer -> receiver: the other receivers now connected (the swarm, swarmPlan.ts); only these may connect to it. */
  | { t: 'swarm'; peers: string[] }
  /** Sharer -> receiver: chunks' SHA-256 as the sharer read them, so a chunk from a fellow receiver can be checked. */
  | { t: 'hashes'; chunks: Array<[number, string]> }
  /** Receiver -> fellow receiver: chunks it has (stored and checked) and may be asked for. */
  | { t: 'got'; chunks: number[] }
  /** Sharer -> receiver of a swarm: these chunks it asked for went to fellow `peer`; take them from there. */
  | { t: 'elsewhere'; peer: string; chunks: number[] };

/** Chunk indices of one control message at most. */
export const MAX_LISTED = 4096;
/**
 * Hashes of one `hashes` message at most: about 80 KB of JSON, well under the 256 KiB a data channel message may
 * be (a receiver joining late is told a long film's hashes in several).
 */
export const MAX_HASHES_PER_MESSAGE = 1024;
const MEMBER_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface ChunkFrame {
  index: number;
  sha256: Uint8Array;
  data: Uint8Array;
}

export function encodeChunk(index: number, sha256: Uint8Array, data: Uint8Array): ArrayBuffer {
  if (sha256.length !== 32) throw new Error('a chunk carries a 32-byte SHA-256');
  const out = new Uint8Array(CHUNK_HEADER_BYTES + data.length);
  new DataView(out.buffer).setUint32(0, index);
  out.set(sha256, 4);
  out.set(data, CHUNK_HEADER_BYTES);
  return out.buffer;
}

/** Several chunks in one message (at most MAX_BUNDLE_CHUNKS). */
export function encodeBundle(chunks: readonly ChunkFrame[]): ArrayBuffer {
  if (chunks.length === 0 || chunks.length > MAX_BUNDLE_CHUNKS) throw new Error(`a bundle carries 1-${MAX_BUNDLE_CHUNKS} chunks`);
  const size = BUNDLE_HEADER_BYTES + chunks.reduce((n, c) => n + BUNDLED_CHUNK_HEADER_BYTES + c.data.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, BUNDLE_MARK);
  view.setUint32(4, chunks.length);
  let at = BUNDLE_HEADER_BYTES;
  for (const c of chunks) {
    if (c.sha256.length !== 32) throw new Error('a chunk carries a 32-byte SHA-256');
    view.setUint32(at, c.index);
    out.set(c.sha256, at + 4);
    view.setUint32(at + 36, c.data.length);
    out.set(c.data, at + BUNDLED_CHUNK_HEADER_BYTES);
    at += BUNDLED_CHUNK_HEADER_BYTES + c.data.length;
  }
  return out.buffer;
}

/** The chunks of a binary message: one (a chunk frame) or several (a bundle). Throws on a malformed one. */
export function decodeChunks(buffer: ArrayBuffer): ChunkFrame[] {
  if (buffer.byteLength < 4 || new DataView(buffer).getUint32(0) !== BUNDLE_MARK) return [decodeChunk(buffer)];
  const view = new DataView(buffer);
  const bytes = new Uint8Array(buffer);
  if (buffer.byteLength < BUNDLE_HEADER_BYTES) throw new Error('a bundle without its count');
  const count = view.getUint32(4);
  if (count < 1 || count > MAX_BUNDLE_CHUNKS) throw new Error(`a bundle of ${count} chunks`);
  const out: ChunkFrame[] = [];
  let at = BUNDLE_HEADER_BYTES;
  for (let k = 0; k < count; k++) {
    if (at + BUNDLED_CHUNK_HEADER_BYTES > buffer.byteLength) throw new Error('a bundle cut short');
    const length = view.getUint32(at + 36);
    const end = at + BUNDLED_CHUNK_HEADER_BYTES + length;
    if (end > buffer.byteLength) throw new Error('a bundled chunk longer than its bundle');
    out.push({ index: view.getUint32(at), sha256: bytes.subarray(at + 4, at + 36), data: bytes.subarray(at + BUNDLED_CHUNK_HEADER_BYTES, end) });
    at = end;
  }
  if (at !== buffer.byteLength) throw new Error('bytes after the last bundled chunk');
  return out;
}

export function decodeChunk(buffer: ArrayBuffer): ChunkFrame {
  if (buffer.byteLength < CHUNK_HEADER_BYTES) throw new Error(`a chunk frame of ${buffer.byteLength} bytes has no header`);
  const bytes = new Uint8Array(buffer);
  return {
    index: new DataView(buffer).getUint32(0),
    sha256: bytes.subarray(4, CHUNK_HEADER_BYTES),
    data: bytes.subarray(CHUNK_HEADER_BYTES),
  };
}

/** A control message from text, or undefined when it is not one (a newer peer's: ignored). */
export function parseControl(text: string): Control | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const m = v as Record<string, unknown>;
  switch (m.t) {
    case 'info':
      return typeof m.name === 'string' && Number.isSafeInteger(m.size) && typeof m.type === 'string'
        && Number.isSafeInteger(m.chunkBytes) ? (m as unknown as Control) : undefined;
    case 'want':
      return Array.isArray(m.chunks) && m.chunks.length <= MAX_LISTED && m.chunks.every((c) => Number.isSafeInteger(c) && (c as number) >= 0)
        && (m.replace === undefined || typeof m.replace === 'boolean')
        && (m.bundle === undefined || (Number.isSafeInteger(m.bundle) && (m.bundle as number) >= 1))
        && (m.swarm === undefined || typeof m.swarm === 'boolean') && (m.direct === undefined || typeof m.direct === 'boolean')
        ? (m as unknown as Control) : undefined;
    case 'hash':
      return typeof m.sha256 === 'string' && /^[0-9a-f]{64}$/.test(m.sha256) ? (m as unknown as Control) : undefined;
    case 'have':
      return Number.isSafeInteger(m.bytes) && typeof m.playing === 'boolean' ? (m as unknown as Control) : undefined;
    case 'fail':
      return typeof m.reason === 'string' ? (m as unknown as Control) : undefined;
    case 'swarm':
      return Array.isArray(m.peers) && m.peers.length <= 64 && m.peers.every((p) => typeof p === 'string' && MEMBER_ID.test(p))
        ? (m as unknown as Control) : undefined;
    case 'hashes':
      return Array.isArray(m.chunks) && m.chunks.length <= MAX_LISTED && m.chunks.every((c) => Array.isArray(c) && c.length === 2
        && Number.isSafeInteger(c[0]) && (c[0] as number) >= 0 && typeof c[1] === 'string' && /^[0-9a-f]{64}$/.test(c[1] as string))
        ? (m as unknown as Control) : undefined;
    case 'elsewhere':
      return typeof m.peer === 'string' && MEMBER_ID.test(m.peer) && Array.isArray(m.chunks) && m.chunks.length <= MAX_LISTED
        && m.chunks.every((c) => Number.isSafeInteger(c) && (c as number) >= 0) ? (m as unknown as Control) : undefined;
    case 'got':
      return Array.isArray(m.chunks) && m.chunks.length <= MAX_LISTED && m.chunks.every((c) => Number.isSafeInteger(c) && (c as number) >= 0)
        ? (m as unknown as Control) : undefined;
    default:
      return undefined;
  }
}

export function fromHex(text: string): Uint8Array {
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
