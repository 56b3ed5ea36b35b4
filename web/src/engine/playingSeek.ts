/**
 * A seek made while playing to put the player back on the timeline: from `fromMs` to `toMs`, a frame ahead by
 * the seek latency, which the timeline reaches at `landsAtMs` (server time). The twin of core's PlayingSeek.java.
 */
export interface PlayingSeek {
  readonly fromMs: number;
  readonly toMs: number;
  readonly landsAtMs: number;
}

export const PlayingSeek = {
  /**
   * The player at `positionMs` got at least half way to where it was sent. A slow seek gets there and is merely
   * late (the next seek, aimed by the learned latency, makes that up); one without effect does not.
   */
  moved(seek: PlayingSeek, positionMs: number): boolean {
    return Math.abs(positionMs - seek.fromMs) >= Math.abs(seek.toMs - seek.fromMs) / 2;
  },
};
