import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES, ChunkMap, chunkCount, chunkLength, chunkSlice, runEnd } from '../src/p2p/chunks';
import { decodeChunk, decodeChunks, encodeBundle, encodeChunk, hex, MAX_BUNDLE_CHUNKS, MAX_HASHES_PER_MESSAGE, parseControl } from '../src/p2p/frames';
import { parsePeerMedia, peerMediaId } from '../src/p2p/peerMedia';

describe('ChunkMap', () => {
  const size = 10 * CHUNK_BYTES + 100; // 11 chunks, the last of 100 bytes

  it('counts chunks and the short last one', () => {
    expect(chunkCount(size)).toBe(11);
    expect(chunkLength(10, size)).toBe(100);
    expect(chunkLength(3, size)).toBe(CHUNK_BYTES);
  });

  it('asks for chunks in playback order from the playhead, then wraps to the start', () => {
    const map = new ChunkMap(size, [5, 7]);
    expect(map.nextWanted(4 * CHUNK_BYTES + 10, new Set([6]), 5)).toEqual([4, 8, 9, 10, 0]);
    expect(map.nextWanted(0, new Set(), 3)).toEqual([0, 1, 2]);
    expect(map.nextWanted(size * 2, new Set(), 2)).toEqual([10, 0]);
  });

  it('says how many bytes play from an offset without a gap', () => {
    const map = new ChunkMap(size, [0, 1, 3]);
    expect(map.contiguousFrom(10)).toBe(2 * CHUNK_BYTES - 10);
    expect(map.contiguousFrom(2 * CHUNK_BYTES)).toBe(0);
    map.add(10);
    expect(map.contiguousFrom(10 * CHUNK_BYTES + 40)).toBe(60);
  });

  it('finds where a run of stored chunks ends, from the keys storage gives', () => {
    expect(runEnd([3, 4, 5, 7], 3)).toBe(6);
    expect(runEnd([3, 4, 5, 7], 4)).toBe(6);
    expect(runEnd([4, 5], 3)).toBe(3); // the first is missing: nothing
    expect(runEnd([], 9)).toBe(9);
    expect(runEnd([1, 2, 3], 1)).toBe(4);
  });

  it('cuts a chunk to the bytes an answer carries', () => {
    const data = new Uint8Array(CHUNK_BYTES).map((_, i) => i % 251);
    // Chunk 2 of an answer for bytes 2 chunks + 10 .. 2 chunks + 19: ten bytes from its 10th.
    const part = chunkSlice(2, data, 2 * CHUNK_BYTES + 10, 2 * CHUNK_BYTES + 19);
    expect([...part]).toEqual([...data.subarray(10, 20)]);
    expect(chunkSlice(3, data, 2 * CHUNK_BYTES + 10, 4 * CHUNK_BYTES)).toHaveLength(CHUNK_BYTES); // a whole middle one
    expect(chunkSlice(4, data, 2 * CHUNK_BYTES, 4 * CHUNK_BYTES)).toHaveLength(1); // the answer's last byte
    expect(chunkSlice(10, new Uint8Array(100), 10 * CHUNK_BYTES, size - 1)).toHaveLength(100); // the short last chunk
  });

  it('counts a repeated chunk once, and bytes with the short last chunk', () => {
    const map = new ChunkMap(size);
    expect(map.add(10)).toBe(true);
    expect(map.add(10)).toBe(false);
    expect(map.bytesPresent).toBe(100);
    for (let i = 0; i < 10; i++) map.add(i);
    expect(map.complete).toBe(true);
    expect(map.bytesPresent).toBe(size);
  });

  it('resumes from the indices it reported', () => {
    const map = new ChunkMap(size, [1, 2, 9]);
    expect(new ChunkMap(size, map.indices()).nextWanted(0, new Set(), 20)).toEqual([0, 3, 4, 5, 6, 7, 8, 10]);
    expect(() => map.add(11)).toThrow(/outside/);
    expect(() => new ChunkMap(0)).toThrow(/positive size/);
  });
});

describe('frames', () => {
  it('carry a chunk with its index and hash', () => {
    const hash = new Uint8Array(32).fill(7);
    const frame = decodeChunk(encodeChunk(70_000, hash, new Uint8Array([1, 2, 3])));
    expect(frame.index).toBe(70_000);
    expect(hex(frame.sha256)).toBe('07'.repeat(32));
    expect([...frame.data]).toEqual([1, 2, 3]);
    expect(() => decodeChunk(new ArrayBuffer(10))).toThrow(/no header/);
  });

  it('carry several chunks in one bundle, and a single chunk frame still reads as one', () => {
    const chunks = [0, 1, 2].map((k) => ({ index: 10 + k, sha256: new Uint8Array(32).fill(k), data: new Uint8Array(65_536 - k).fill(k + 1) }));
    const bundle = encodeBundle(chunks);
    expect(bundle.byteLength).toBeLessThanOrEqual(256 * 1024);
    const back = decodeChunks(bundle);
    expect(back.map((c) => [c.index, c.sha256[0], c.data.length, c.data[0]])).toEqual([[10, 0, 65_536, 1], [11, 1, 65_535, 2], [12, 2, 65_534, 3]]);
    const single = decodeChunks(encodeChunk(4, new Uint8Array(32), new Uint8Array([9])));
    expect(single.map((c) => [c.index, [...c.data]])).toEqual([[4, [9]]]);
    expect(() => encodeBundle([])).toThrow();
    expect(() => encodeBundle([...chunks, chunks[0]!].slice(0, MAX_BUNDLE_CHUNKS + 1))).toThrow();
  });

  it('refuse a bundle that lies about its size or count', () => {
    const one = new Uint8Array(encodeBundle([{ index: 1, sha256: new Uint8Array(32), data: new Uint8Array(100) }]));
    expect(() => decodeChunks(one.slice(0, one.length - 1).buffer)).toThrow(/longer than its bundle/);
    const longer = new Uint8Array(one.length + 1);
    longer.set(one);
    expect(() => decodeChunks(longer.buffer)).toThrow(/after the last/);
    const counted = one.slice();
    new DataView(counted.buffer).setUint32(4, 1000);
    expect(() => decodeChunks(counted.buffer)).toThrow(/of 1000 chunks/);
    new DataView(counted.buffer).setUint32(4, 2);
    expect(() => decodeChunks(counted.buffer)).toThrow(/cut short/);
  });

  it("tell a swarm's hashes in messages a data channel takes (under 256 KiB), and read them back", () => {
    const chunks = Array.from({ length: MAX_HASHES_PER_MESSAGE }, (_, k) => [2_000_000_000 + k, 'f'.repeat(64)] as [number, string]);
    const text = JSON.stringify({ t: 'hashes', chunks });
    expect(text.length).toBeLessThan(256 * 1024);
    expect(parseControl(text)).toEqual({ t: 'hashes', chunks });
    expect(parseControl(JSON.stringify({ t: 'hashes', chunks: [[1, 'zz']] }))).toBeUndefined();
    expect(parseControl(JSON.stringify({ t: 'elsewhere', peer: 'm-1', chunks: [3] }))).toEqual({ t: 'elsewhere', peer: 'm-1', chunks: [3] });
    expect(parseControl(JSON.stringify({ t: 'elsewhere', peer: '../x', chunks: [3] }))).toBeUndefined();
    expect(parseControl(JSON.stringify({ t: 'swarm', peers: ['m-1', 'm 2'] }))).toBeUndefined();
    expect(parseControl(JSON.stringify({ t: 'got', chunks: [-1] }))).toBeUndefined();
  });

  it('accept only well-formed control messages', () => {
    expect(parseControl('{"t":"want","chunks":[3,4]}')).toEqual({ t: 'want', chunks: [3, 4] });
    expect(parseControl('{"t":"want","chunks":[-1]}')).toBeUndefined();
    expect(parseControl('{"t":"want","chunks":[9],"replace":true}')).toEqual({ t: 'want', chunks: [9], replace: true });
    expect(parseControl('{"t":"want","chunks":[9],"replace":"yes"}')).toBeUndefined();
    expect(parseControl('{"t":"want","chunks":[9],"bundle":3}')).toEqual({ t: 'want', chunks: [9], bundle: 3 });
    expect(parseControl('{"t":"want","chunks":[9],"bundle":0}')).toBeUndefined();
    expect(parseControl('{"t":"hash","sha256":"zz"}')).toBeUndefined();
    expect(parseControl('not json')).toBeUndefined();
    expect(parseControl('{"t":"later"}')).toBeUndefined();
  });
});

describe('peer media ids', () => {
  const file = { sharer: 'm-ann1', shareId: 'abc123', name: 'Ein Film & mehr.mkv', size: 1_468_006_400, type: 'video/x-matroska' };

  it('round-trip a shared file', () => {
    const id = peerMediaId(file);
    expect(id.startsWith('peer:m-ann1/abc123?')).toBe(true);
    expect(parsePeerMedia(id)).toEqual(file);
  });

  it('are not read from other media ids or malformed ones', () => {
    expect(parsePeerMedia('https://example.org/film.mp4')).toBeUndefined();
    expect(parsePeerMedia('peer:m-1/abc?n=x&s=0')).toBeUndefined();
    expect(parsePeerMedia('peer:m-1?n=x&s=10')).toBeUndefined();
    expect(parsePeerMedia('peer:m 1/abc?n=x&s=10')).toBeUndefined();
  });
});
