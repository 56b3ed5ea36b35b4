import { describe, expect, it } from 'vitest';
import { BLOCK_CHUNKS, ChunkReader } from '../src/p2p/chunkReader';
import { CHUNK_BYTES } from '../src/p2p/chunks';
import { sameBytes } from '../src/p2p/frames';

/** A file whose byte at offset o is (o * 7 + (o >> 16)) & 0xff: every chunk differs from its neighbours. */
function fileOf(size: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(size);
  for (let o = 0; o < size; o++) b[o] = (o * 7 + (o >> 16)) & 0xff;
  return b;
}

/** A Blob that counts its slices: the reads the sharer makes. */
class CountingBlob extends Blob {
  slices = 0;
  override slice(start?: number, end?: number, type?: string): Blob {
    this.slices++;
    return super.slice(start, end, type);
  }
}

describe('ChunkReader', () => {
  const size = (BLOCK_CHUNKS * 2 + 3) * CHUNK_BYTES + 100; // 36 chunks over 3 blocks, the last chunk of 100 bytes
  const bytes = fileOf(size);

  it('gives every chunk the bytes of the file at its place, the short last one too', async () => {
    const reader = new ChunkReader(new Blob([bytes]));
    for (const i of [0, 1, 15, 16, 17, 34, 35, 3]) {
      const c = await reader.chunk(i);
      // sameBytes, not toEqual: vitest's deep equality takes seconds over 64 KiB.
      expect(sameBytes(c, bytes.subarray(i * CHUNK_BYTES, Math.min(size, (i + 1) * CHUNK_BYTES))), `chunk ${i}`).toBe(true);
    }
    expect((await reader.chunk(35)).length).toBe(100);
  });

  it('reads the file once per block, not once per chunk', async () => {
    const blob = new CountingBlob([bytes]);
    const reader = new ChunkReader(blob);
    for (let i = 0; i < 36; i++) await reader.chunk(i);
    expect(blob.slices).toBe(3);
  });

  it('keeps the blocks used last and reads a dropped one again', async () => {
    const blob = new CountingBlob([bytes]);
    const reader = new ChunkReader(blob, 2);
    await reader.chunk(0); // block 0
    await reader.chunk(16); // block 1
    await reader.chunk(1); // block 0 again: now the most recent
    await reader.chunk(32); // block 2 pushes out block 1, the least recently used
    expect(reader.blocksHeld).toBe(2);
    expect(blob.slices).toBe(3);
    await reader.chunk(2);
    expect(blob.slices).toBe(3);
    expect(sameBytes(await reader.chunk(17), bytes.subarray(17 * CHUNK_BYTES, 18 * CHUNK_BYTES))).toBe(true);
    expect(blob.slices).toBe(4);
  });

  it('refuses a chunk outside the file', async () => {
    const reader = new ChunkReader(new Blob([bytes]));
    await expect(reader.chunk(36)).rejects.toThrow('outside');
    await expect(reader.chunk(-1)).rejects.toThrow('outside');
  });
});
