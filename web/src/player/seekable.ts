/** What a video element says it can seek to: `video.seekable`. */
export interface SeekableRanges {
  readonly length: number;
  end(index: number): number;
}

/**
 * Whether a loaded video cannot be sought at all: its length is known, yet nothing past its start is seekable. That is
 * what a browser reports for a file from a server that ignores byte ranges (seekable 0-0): every pause on the room's
 * frame, seek and catch-up then lands at the start, and the player drifts from the room without a word. A stream of
 * unknown length (live) is not judged.
 */
export function cannotSeek(durationS: number, seekable: SeekableRanges): boolean {
  if (!Number.isFinite(durationS) || durationS <= 0) return false;
  for (let i = 0; i < seekable.length; i++) {
    if (seekable.end(i) > 0) return false;
  }
  return true;
}
