/**
 * Which 64 KiB chunks of a shared file are here, which to ask for next, and how many bytes from an
 * offset can be played. Pure: the transfer and the service worker both read it.
 */
export const CHUNK_BYTES = 64 * 1024;

export function chunkCount(size: number): number {
  return Math.ceil(size / CHUNK_BYTES);
}

/** Bytes of chunk `index` in a file of `size` bytes (the last one is shorter). */
export function chunkLength(index: number, size: number): number {
  return Math.min(CHUNK_BYTES, size - index * CHUNK_BYTES);
}

export function chunkOf(byteOffset: number): number {
  return Math.floor(byteOffset / CHUNK_BYTES);
}

/**
 * Where the run of consecutive chunk indices that starts at `from` ends (exclusive): `from` when `from` is not among
 * them. `sorted` ascending, as IndexedDB gives keys.
 */
export function runEnd(sorted: readonly number[], from: number): number {
  let end = from;
  for (const i of sorted) {
    if (i < end) continue;
    if (i !== end) break;
    end++;
  }
  return end;
}

/** The bytes of chunk `index` (its `data`) that fall within the file's bytes `first`..`last`, both included. */
export function chunkSlice(index: number, data: Uint8Array, first: number, last: number): Uint8Array {
  const at = index * CHUNK_BYTES;
  return data.subarray(Math.max(0, first - at), Math.max(0, Math.min(data.length, last - at + 1)));
}

export class ChunkMap {
  readonly count: number;
  private readonly bits: Uint8Array;
  private present = 0;

  constructor(readonly size: number, have: Iterable<number> = []) {
    if (!Number.isSafeInteger(size) || size <= 0) throw new Error(`a shared file has a positive size, not ${size}`);
    this.count = chunkCount(size);
    this.bits = new Uint8Array(Math.ceil(this.count / 8));
    for (const i of have) this.add(i);
  }

  has(i: number): boolean {
    return i >= 0 && i < this.count && (this.bits[i >> 3]! & (1 << (i & 7))) !== 0;
  }

  /** Marks chunk `i` as here; false when it already was (a repeat is not counted twice). */
  add(i: number): boolean {
    if (!Number.isInteger(i) || i < 0 || i >= this.count) throw new Error(`chunk ${i} is outside 0..${this.count - 1}`);
    if (this.has(i)) return false;
    this.bits[i >> 3]! |= 1 << (i & 7);
    this.present++;
    return true;
  }

  get presentCount(): number {
    return this.present;
  }

  get complete(): boolean {
    return this.present === this.count;
  }

  /** Bytes here: every chunk but a present last one is whole. */
  get bytesPresent(): number {
    const last = this.count - 1;
    return this.present * CHUNK_BYTES - (this.has(last) ? CHUNK_BYTES - chunkLength(last, this.size) : 0);
  }

  /** How many bytes from `offset` on are here without a gap (0 when the chunk at `offset` is missing). */
  contiguousFrom(offset: number): number {
    if (offset >= this.size) return 0;
    let i = chunkOf(offset);
    while (i < this.count && this.has(i)) i++;
    return Math.max(0, Math.min(this.size, i * CHUNK_BYTES) - offset);
  }

  /**
   * Up to `max` missing chunks to ask for, in playback order: from the chunk holding `playheadByte`
   * forward to the end, then from the start up to it; chunks in `inFlight` are already asked for.
   */
  nextWanted(playheadByte: number, inFlight: { has(i: number): boolean }, max: number): number[] {
    const out: number[] = [];
    if (max <= 0) return out;
    const start = Math.min(this.count - 1, Math.max(0, chunkOf(playheadByte)));
    for (let k = 0; k < this.count && out.length < max; k++) {
      const i = (start + k) % this.count;
      if (!this.has(i) && !inFlight.has(i)) out.push(i);
    }
    return out;
  }

  /** The present chunks' indices (what a receiver tells the sender when it resumes). */
  indices(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.count; i++) if (this.has(i)) out.push(i);
    return out;
  }
}
