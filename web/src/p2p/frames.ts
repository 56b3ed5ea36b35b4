/**
 * What goes over a file's data channel. Binary messages are chunks: index (u32, big-endian), the
 * chunk's SHA-256 (32 bytes), then its bytes. Text messages are JSON control messages.
 */
export const CHUNK_HEADER_BYTES = 4 + 32;

export type Control =
  /** Sharer -> receiver on open: what the file is. */
  | { t: 'info'; name: string; size: number; type: string; chunkBytes: number }
  /**
   * Receiver -> sharer: send these chunks, in this order, after those asked for before; with `replace`,
   * instead of those not sent yet (the receiver's player jumped somewhere else).
   */
  | { t: 'want'; chunks: number[]; replace?: boolean }
  /** Sharer -> receiver: the whole file's SHA-256, once the sharer has read all of it. */
  | { t: 'hash'; sha256: string }
  /** Receiver -> sharer: how it stands, for the sharer's progress line. */
  | { t: 'have'; bytes: number; playing: boolean }
  /** Either side: a failure the other should show (checksum of the whole file, storage full). */
  | { t: 'fail'; reason: string };

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
      return Array.isArray(m.chunks) && m.chunks.length <= 4096 && m.chunks.every((c) => Number.isSafeInteger(c) && (c as number) >= 0)
        && (m.replace === undefined || typeof m.replace === 'boolean') ? (m as unknown as Control) : undefined;
    case 'hash':
      return typeof m.sha256 === 'string' && /^[0-9a-f]{64}$/.test(m.sha256) ? (m as unknown as Control) : undefined;
    case 'have':
      return Number.isSafeInteger(m.bytes) && typeof m.playing === 'boolean' ? (m as unknown as Control) : undefined;
    case 'fail':
      return typeof m.reason === 'string' ? (m as unknown as Control) : undefined;
    default:
      return undefined;
  }
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
