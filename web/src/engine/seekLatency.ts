import type { Tolerances } from './tolerances';

/**
 * How long this player's seeks take, from being asked to being reported finished: smoothed, it aims a seek
 * ahead; the last one, unsmoothed, sizes a landing (a fresh source's first seeks are the slowest). A report
 * without a seek asked, or after longer than maxSeekLatencyMs, teaches nothing. The twin of core's
 * SeekLatency.java.
 */
export class SeekLatency {
  private smoothedMs: number;
  private lastMs = 0;
  /** When (local time) the seek not yet reported finished was asked for; undefined: none is. */
  private askedAtMs: number | undefined;

  constructor(private readonly tolerances: Tolerances) {
    this.smoothedMs = tolerances.initialSeekLatencyMs;
  }

  asked(localTimeMs: number): void {
    this.askedAtMs = localTimeMs;
  }

  finished(localTimeMs: number): void {
    if (this.askedAtMs === undefined) return;
    const latency = localTimeMs - this.askedAtMs;
    if (latency >= 0 && latency < this.tolerances.maxSeekLatencyMs) {
      this.smoothedMs += this.tolerances.smoothing * (latency - this.smoothedMs);
      this.lastMs = latency;
    }
    this.askedAtMs = undefined;
  }

  get ms(): number {
    return this.smoothedMs;
  }

  /** What a seek may take now: the smoothed latency, or the last seek's if that was slower. */
  get worstRecentMs(): number {
    return Math.max(this.smoothedMs, this.lastMs);
  }
}
