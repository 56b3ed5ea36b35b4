import { describe, expect, it } from 'vitest';
import { fileIdOf, hashedRegions, judgeCopy, parseFileId } from '../src/player/fileId';
import file from '../../protocol/src/test/resources/media/file-id-vectors.json';

/** The vectors' content: byte i = (i*31 + seed*7 + floor(i/256)) mod 256 (as FileMediaIdVectorsTest makes it). */
function content(size: number, seed: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(size);
  for (let i = 0; i < size; i++) b[i] = (i * 31 + seed * 7 + (i >> 8)) & 0xff;
  return b;
}

describe('fileIdOf (shared vectors with Java FileMediaId.ofEnds)', () => {
  for (const v of file.vectors as ReadonlyArray<{ why: string; size: number; seed: number; fileId: string }>) {
    it(v.why, async () => {
      expect(await fileIdOf(new Blob([content(v.size, v.seed)]))).toBe(v.fileId);
    });
  }

  it('a change in the middle of a long file goes unseen, one in its last byte does not', async () => {
    const bytes = content(3 * (1 << 20) + 5, 9);
    const id = await fileIdOf(new Blob([bytes]));
    bytes[3 * (1 << 19)] ^= 1;
    expect(await fileIdOf(new Blob([bytes]))).toBe(id);
    bytes[bytes.length - 1] ^= 1;
    expect(await fileIdOf(new Blob([bytes]))).not.toBe(id);
  });
});

describe('parseFileId', () => {
  const hash = '0123456789abcdef'.repeat(4);
  it('reads its own form', () => {
    expect(parseFileId(`file:734003200:${hash}`)).toEqual({ sizeBytes: 734003200, sha256: hash });
  });
  it('refuses other media ids and malformed ones', () => {
    for (const id of [undefined, 'media:abc', 'https://x.example/a.webm', `file:12:${hash.toUpperCase()}`, `file:12:${hash.slice(1)}`,
      `file:-1:${hash}`, `file:99999999999999999999:${hash}`, `file:18014398509481984:${hash}`, 'file:/home/ann/film.mkv']) {
      expect(parseFileId(id), String(id)).toBeUndefined();
    }
  });
  it('hashes two MiB at most', () => {
    expect(hashedRegions(5)).toEqual({ headLength: 5, tailOffset: 5, tailLength: 0 });
    expect(hashedRegions(10 * (1 << 20))).toEqual({ headLength: 1 << 20, tailOffset: 9 * (1 << 20), tailLength: 1 << 20 });
  });
});

describe('judgeCopy', () => {
  const room = { sizeBytes: 1000, sha256: 'a'.repeat(64) };
  it('tells the same video, another size and another content apart', () => {
    expect(judgeCopy(room, `file:1000:${'a'.repeat(64)}`)).toBe('same');
    expect(judgeCopy(room, `file:1001:${'a'.repeat(64)}`)).toBe('otherSize');
    expect(judgeCopy(room, `file:1000:${'b'.repeat(64)}`)).toBe('otherContent');
  });
});
