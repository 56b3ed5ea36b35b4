/** What the choice of the page's main video looks at. */
export interface VideoCandidate {
  readonly area: number;
  readonly playing: boolean;
  /** The video has a source (an empty placeholder element is no player). */
  readonly hasSource: boolean;
}

/** Videos smaller than this (px²) are previews, thumbnails or tracking pixels, never the main player. */
export const MIN_AREA = 120 * 68;

/**
 * The index of the page's main video: the largest playing one, else the largest with a source;
 * -1 when there is none. Previews that play on hover are smaller than the player, so size wins
 * among playing videos.
 */
export function chooseMainVideo(candidates: readonly VideoCandidate[]): number {
  let best = -1;
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!;
    if (!c.hasSource || c.area < MIN_AREA) continue;
    if (best < 0) {
      best = i;
      continue;
    }
    const b = candidates[best]!;
    if (c.playing !== b.playing ? c.playing : c.area > b.area) best = i;
  }
  return best;
}
