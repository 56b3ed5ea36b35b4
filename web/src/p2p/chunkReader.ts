/**
 * The sharer's reads of the file: a block of 16 chunks (1 MiB) at a time, cut into 64 KiB chunks, the last
 * few blocks kept for the chunks that follow and for other receivers at about the same place. Measured
 * (bench/run p2p with BENCH_P2P_PROFILE=1): `Blob.slice` + `arrayBuffer()` for every 64 KiB chunk took
 * a fifth of the sharer's main thread, ~2.5 ms a chunk; the cost is per call, not per byte.
 */
import { CHUNK_BYTES, chunkCount, chunkLength } from './chunks';

export const BLOCK_CHUNKS = 16;
/** Blocks kept: one being sent, one read ahead, and room for a second and third receiver elsewhere. */
const KEEP_BLOCKS = 4;

export class ChunkReader {
  /** Block index -> its bytes; a Map iterates in insertion order, so the first key is the least recently used. */
  private readonly blocks = new Map<number, Promise<Uint8Array>>();

  constructor(private readonly file: Blob, private readonly keep = KEEP_BLOCKS) {}

  /** The bytes of chunk `i`: a view into a block that must not be written to. */
  async chunk(i: number): Promise<Uint8Array> {
    if (!Number.isInteger(i) || i < 0 || i >= chunkCount(this.file.size)) throw new Error(`chunk ${i} is outside the file`);
    const b = Math.floor(i / BLOCK_CHUNKS);
    let block = this.blocks.get(b);
    if (block) {
      this.blocks.delete(b);
    } else {
      const start = b * BLOCK_CHUNKS * CHUNK_BYTES;
      block = this.file.slice(start, start + BLOCK_CHUNKS * CHUNK_BYTES).arrayBuffer().then((a) => new Uint8Array(a));
      // A failed read is not kept: the next ask reads again.
      block.catch(() => this.blocks.get(b) === block && this.blocks.delete(b));
    }
    this.blocks.set(b, block);
    while (this.blocks.size > this.keep) this.blocks.delete(this.blocks.keys().next().value!);
    const data = await block;
    const from = (i - b * BLOCK_CHUNKS) * CHUNK_BYTES;
    return data.subarray(from, from + chunkLength(i, this.file.size));
  }

  /** How many reads of the file are held (for tests). */
  get blocksHeld(): number {
    return this.blocks.size;
  }
}
