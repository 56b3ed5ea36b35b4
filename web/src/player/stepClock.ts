/**
 * Where a playing video is, for a browser whose currentTime moves only a frame at a time (Firefox: it stands on the
 * shown frame's time until the next, 41 ms on a 24 fps film), from the readings the engine takes anyway (every 20 ms).
 *
 * At each reading the clock is at currentTime or up to a frame past it: its offset (position − rate × time) lies
 * between the reading's own and that plus a frame. The readings of the last second together pin it to a millisecond
 * or two (readings every 20 ms fall at every phase of 41 ms frames); the estimate is the middle of what they all
 * allow, unbiased from the second reading on. A reading outside that (a seek nobody announced, a clock that jumped)
 * starts the window again.
 *
 * Why not the frames a browser presents (requestVideoFrameCallback, the clock's earlier source): Firefox stamps a
 * frame with the refresh tick it was painted on, so a 24 fps film on 60 Hz ticks scatters by a tick, and the pattern
 * of which frames land late moves with the beat of the two rates. The median of seven frames wandered by 20 ms from one
 * second to the next while currentTime's steps stood within 1 ms of a straight line for 20 s (Firefox ESR 153, the
 * test film, 2026-11-29), and the controller chased the wandering: Firefox nudged its rate 15-25 % of the time,
 * 20 ms from the others at p95.
 */
export class StepClock {
  /** Readings older than this are let go: a clock held for a second is pinned; older ones would slow a recovery. */
  static readonly WINDOW_MS = 1_000;
  /** A clock with no reading for this long knows nothing (a hidden tab's timers, a stall). */
  static readonly STALE_MS = 250;
  /** A reading this far outside what the others allow means the clock jumped (timers fire a few ms late). */
  static readonly SLACK_MS = 6;
  /** Steps learned before the frame's length is trusted; and how many recent ones decide it. */
  static readonly STEPS_NEEDED = 5;
  static readonly STEPS_KEPT = 15;
  /** A step longer than this is not one frame (a film under 10 fps, or readings far apart). */
  static readonly MAX_FRAME_MS = 100;
  /** Two readings further apart than this may have seen two steps between them: their difference is not a frame. */
  static readonly MAX_READING_GAP_MS = 45;

  private readings: { atMs: number; offsetMs: number }[] = [];
  private rate = NaN;
  private last: { atMs: number; positionMs: number; afterStep: boolean } | undefined;
  /** Recent single steps of currentTime (ms of media time): a frame's length, kept across seeks (the film's). */
  private steps: number[] = [];

  /** currentTime read as `positionMs` at local time `atMs`, playing at `rate`. */
  reading(positionMs: number, atMs: number, rate: number): void {
    // A rate the clock was not told of (set by someone else): the readings so far describe another clock.
    if (rate !== this.rate) this.restart(rate);
    this.learnStep(positionMs, atMs);
    const offsetMs = positionMs - rate * atMs;
    const frame = this.frameMs;
    if (this.readings.length > 0 && frame !== undefined) {
      const { low, high } = this.bounds(frame);
      if (offsetMs > high + StepClock.SLACK_MS || offsetMs + frame < low - StepClock.SLACK_MS) this.readings = [];
    }
    this.readings.push({ atMs, offsetMs });
    while (this.readings[0]!.atMs < atMs - StepClock.WINDOW_MS) this.readings.shift();
  }

  /** The video was set to play at `rate` from local time `atMs`: the readings so far are carried on from there. */
  rateSet(atMs: number, rate: number): void {
    if (rate === this.rate) return;
    if (this.readings.length === 0 || !Number.isFinite(atMs) || !(rate > 0)) {
      this.restart(rate);
      return;
    }
    // Where the clock stood at atMs stays where it stood; from there on it moves at the new rate (Firefox's picture
    // takes a new rate at once, with no jump beyond its frames' scatter: bench/run rate-switches firefox).
    const shift = atMs * (this.rate - rate);
    this.readings = this.readings.map((r) => ({ atMs: r.atMs, offsetMs: r.offsetMs + shift }));
    this.rate = rate;
  }

  /** Forgets the readings: after a seek, a pause or a new source the old ones say nothing. The frame's length stays. */
  reset(): void {
    this.restart(NaN);
  }

  /** The position at local time `nowMs` playing at `rate`, or undefined when the readings cannot tell. */
  positionAt(nowMs: number, rate: number): number | undefined {
    const frame = this.frameMs;
    const newest = this.readings.at(-1);
    if (frame === undefined || newest === undefined || rate !== this.rate || nowMs - newest.atMs > StepClock.STALE_MS) {
      return undefined;
    }
    const { low, high } = this.bounds(frame);
    return (low + Math.max(low, high)) / 2 + rate * nowMs;
  }

  /** A frame's length in media time, once enough single steps have been seen. */
  get frameMs(): number | undefined {
    if (this.steps.length < StepClock.STEPS_NEEDED) return undefined;
    const sorted = [...this.steps].sort((a, b) => a - b);
    return sorted[sorted.length >> 1];
  }

  /** What the readings allow of the offset: at least each one's, at most each one's plus a frame. */
  private bounds(frame: number): { low: number; high: number } {
    let low = -Infinity;
    let high = Infinity;
    for (const r of this.readings) {
      low = Math.max(low, r.offsetMs);
      high = Math.min(high, r.offsetMs + frame);
    }
    return { low, high };
  }

  /**
   * A step between two readings close together, from a value itself reached by a step, is one frame: the first
   * step after a seek goes from the seek's target, anywhere inside a frame, to the next frame's time.
   */
  private learnStep(positionMs: number, atMs: number): void {
    const last = this.last;
    const stepped = last !== undefined && positionMs !== last.positionMs;
    if (stepped && last.afterStep && atMs - last.atMs <= StepClock.MAX_READING_GAP_MS) {
      const step = positionMs - last.positionMs;
      if (step > 0 && step <= StepClock.MAX_FRAME_MS) {
        this.steps.push(step);
        if (this.steps.length > StepClock.STEPS_KEPT) this.steps.shift();
      }
    }
    this.last = { atMs, positionMs, afterStep: stepped || last?.afterStep === true };
  }

  private restart(rate: number): void {
    this.readings = [];
    this.rate = rate;
    this.last = undefined;
  }
}
