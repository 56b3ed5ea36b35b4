/**
 * The mean error of a player at rest (playing at its nominal rate, no correction under way), over
 * consecutive windows: one reading jitters by a few ms, a window's mean hardly at all. Mirrors
 * core/.../sync/RestingError.java.
 */
export class RestingError {
  /** Fewer readings than this in a window say too little (a throttled tab steps once a second). */
  static readonly MIN_READINGS = 5;

  private windowStart = NaN;
  private sum = 0;
  private readings = 0;

  /** Adds a reading; the window's mean once it has lasted windowMs with enough readings (the next starts), NaN until then. */
  add(errorMs: number, localTimeMs: number, windowMs: number): number {
    if (Number.isNaN(this.windowStart)) this.windowStart = localTimeMs;
    this.sum += errorMs;
    this.readings++;
    if (localTimeMs - this.windowStart < windowMs) return NaN;
    const mean = this.readings >= RestingError.MIN_READINGS ? this.sum / this.readings : NaN;
    this.reset();
    return mean;
  }

  /** The player is no longer at rest: its readings so far describe another rest. */
  reset(): void {
    this.windowStart = NaN;
    this.sum = 0;
    this.readings = 0;
  }
}
