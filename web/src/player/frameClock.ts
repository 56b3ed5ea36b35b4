/**
 * Where a playing video is, read from the frames it presents, for a browser whose currentTime moves only a frame at
 * a time: Firefox's steps every 40 ms on a 25 fps film (read every 2 ms, 2026-11-27), so a reading is up to a frame
 * behind the picture and 10 ms off a straight line at p50, 20 ms at p95: enough to keep a controller nudging half
 * the time. Each presented frame (requestVideoFrameCallback) says which media time was shown at which instant; the
 * median of the last frames' offsets, carried forward at the rate, is the position, steady to a millisecond or two
 * (a late callback, 2 frames in 46 there, is outvoted).
 *
 * A rate switch carries the clock on from where it stood: Firefox moves its picture at the new rate at once, with no
 * jump beyond the ±8 ms its frames scatter on a 60 Hz display (a probe of ten switches between 0.92 and 1.08, 2026-11-28).
 * Started again at each switch instead, the clock said nothing until three frames at the new rate had come (125 ms
 * of a 24 fps film), and the readings fell back on currentTime, up to a frame behind: each nudge showed the
 * controller a new error of half a frame, which it nudged again (Firefox changed its rate half of the time).
 */
export class FrameClock {
  /** Frames whose offsets are kept: an odd number, for a median. */
  static readonly KEPT = 7;
  /** Frames needed before the clock says anything. */
  static readonly ENOUGH = 3;
  /** A clock with no frame for this long knows nothing (a hidden tab, a stall, a video without frames). */
  static readonly STALE_MS = 250;
  /** A frame this far from the others' median starts the clock again (the late ones seen were 28 ms off at most). */
  static readonly JUMP_MS = 60;

  private offsets: number[] = [];
  private rate = NaN;
  private lastFrameAtMs = -Infinity;

  /** A frame of `mediaTimeMs` shown at local time `shownAtMs` while playing at `rate`. */
  frame(mediaTimeMs: number, shownAtMs: number, rate: number): void {
    // A rate the clock was not told of (set by someone else): taken as set at the last frame.
    if (rate !== this.rate) this.rateSet(this.lastFrameAtMs, rate);
    const offset = mediaTimeMs - shownAtMs * rate;
    // A frame far from the others (a seek the clock was not told of): the old frames say nothing.
    if (this.offsets.length > 0 && Math.abs(offset - this.median()) > FrameClock.JUMP_MS) this.reset();
    this.rate = rate;
    this.lastFrameAtMs = shownAtMs;
    this.offsets.push(offset);
    if (this.offsets.length > FrameClock.KEPT) this.offsets.shift();
  }

  /** The video was set to play at `rate` from local time `atMs`: the frames so far are carried on from there. */
  rateSet(atMs: number, rate: number): void {
    if (rate === this.rate) return;
    if (this.offsets.length === 0 || !Number.isFinite(atMs) || !(rate > 0)) {
      this.reset();
      return;
    }
    // Where the clock stood at atMs stays where it stood; from there on it moves at the new rate.
    const shift = atMs * (this.rate - rate);
    this.offsets = this.offsets.map((o) => o + shift);
    this.rate = rate;
  }

  /** Forgets the frames: after a seek, a pause or a new source the old ones say nothing. */
  reset(): void {
    this.offsets = [];
    this.rate = NaN;
    this.lastFrameAtMs = -Infinity;
  }

  /**
   * The position at local time `nowMs` playing at `rate`, or undefined when the frames cannot tell. A rate the clock
   * was not told of is taken as set at the last frame, as frame() takes it.
   */
  positionAt(nowMs: number, rate: number): number | undefined {
    if (this.offsets.length < FrameClock.ENOUGH || nowMs - this.lastFrameAtMs > FrameClock.STALE_MS) return undefined;
    const atLastFrame = this.median() + this.lastFrameAtMs * this.rate;
    return atLastFrame + (nowMs - this.lastFrameAtMs) * rate;
  }

  private median(): number {
    const sorted = [...this.offsets].sort((a, b) => a - b);
    return sorted[sorted.length >> 1];
  }
}

/**
 * Whether a video's currentTime moves a frame at a time: of the last readings taken while it played, enough found
 * it where the reading before had it (Chromium's and WebKit's move between any two readings 20 ms apart).
 */
export class StepDetector {
  static readonly WINDOW = 20;
  static readonly STEPPING_AT = 5;
  private still: boolean[] = [];

  /** One reading while playing: did currentTime stand where it was at the reading before? */
  reading(stoodStill: boolean): void {
    this.still.push(stoodStill);
    if (this.still.length > StepDetector.WINDOW) this.still.shift();
  }

  get stepping(): boolean {
    return this.still.filter((s) => s).length >= StepDetector.STEPPING_AT;
  }
}
