/**
 * The `file:<size>:<sha256>` media id: a video every member plays from a copy of their own (the desktop
 * bridge's and Syncplay's way). The SHA-256 is over the file's first MiB followed by its last MiB (over
 * the whole file once when it is at most two MiB), so a film is recognised from two MiB whatever its
 * size, and nobody learns what anyone's file is called. One rule with Java's `FileMediaId.ofEnds`,
 * bound by `protocol/src/test/resources/media/file-id-vectors.json`.
 */
export const FILE_ID_PREFIX = 'file:';
export const END_BYTES = 1 << 20;

export interface FileId {
  readonly sizeBytes: number;
  readonly sha256: string;
}

const FORM = /^file:([0-9]{1,19}):([0-9a-f]{64})$/;

/** The id's size and hash, or undefined for any other media id (a URL, `media:<id>`, `peer:`). */
export function parseFileId(mediaId: string | undefined): FileId | undefined {
  const m = mediaId ? FORM.exec(mediaId) : null;
  if (!m) return undefined;
  const size = Number(m[1]);
  // Beyond 2^53 a size is not exact in a number; no browser file is that large.
  if (!Number.isSafeInteger(size)) return undefined;
  return { sizeBytes: size, sha256: m[2] };
}

/** The two regions hashed: the head, and the tail (empty for a file hashed whole). */
export function hashedRegions(size: number): { headLength: number; tailOffset: number; tailLength: number } {
  const whole = size <= 2 * END_BYTES;
  const tailLength = whole ? 0 : END_BYTES;
  return { headLength: whole ? size : END_BYTES, tailOffset: size - tailLength, tailLength };
}

/** The file's id, reading two MiB of it at most. */
export async function fileIdOf(file: Blob, subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<string> {
  const r = hashedRegions(file.size);
  const head = new Uint8Array(await file.slice(0, r.headLength).arrayBuffer());
  const tail = new Uint8Array(await file.slice(r.tailOffset, r.tailOffset + r.tailLength).arrayBuffer());
  if (head.length !== r.headLength || tail.length !== r.tailLength) throw new Error('the file changed while it was read');
  const both = new Uint8Array(head.length + tail.length);
  both.set(head, 0);
  both.set(tail, head.length);
  const digest = new Uint8Array(await subtle.digest('SHA-256', both));
  return `${FILE_ID_PREFIX}${file.size}:${Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export type CopyVerdict = 'same' | 'otherSize' | 'otherContent';

/** Whether a viewer's file (its id) is the room's video. */
export function judgeCopy(room: FileId, local: string): CopyVerdict {
  const mine = parseFileId(local);
  if (!mine || mine.sizeBytes !== room.sizeBytes) return 'otherSize';
  return mine.sha256 === room.sha256 ? 'same' : 'otherContent';
}
