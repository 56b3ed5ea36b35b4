/** The room's timeline as the server sends it; times are server epoch ms, positions ms. */
export type PlaybackState = 'paused' | 'playing' | 'waiting';

export interface Timeline {
  readonly mediaId?: string;
  readonly state: PlaybackState;
  readonly anchorPositionMs: number;
  readonly anchorTimeMs: number;
  readonly rate: number;
  readonly version: number;
}

/** Where the video is at server time {@code nowMs}: it holds until a future anchor, then advances at rate. */
export function positionAt(t: Timeline, nowMs: number): number {
  if (t.state !== 'playing' || nowMs <= t.anchorTimeMs) return t.anchorPositionMs;
  return t.anchorPositionMs + (nowMs - t.anchorTimeMs) * t.rate;
}

/** A play scheduled for a moment that has not come yet. */
export function isScheduled(t: Timeline, nowMs: number): boolean {
  return t.state === 'playing' && nowMs < t.anchorTimeMs;
}
