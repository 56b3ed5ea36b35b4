/**
 * What each kind of rate switch costs a player, learned from its own switches: into a faster rate and
 * back, into a slower one and back. The twin of core's SwitchCosts.java (the controller vectors hold the
 * two alike). A kind not yet seen costs what switches cost on average (the controller's common mean).
 * Measured in headless Chromium (2026-11-23): into 1.05 -21.6 ms, back -1.4; into 0.95 -14.5, back -8.5;
 * every round trip about -23 ms, each within about a millisecond from one time to the next.
 */
export const FASTER = 0;
export const SLOWER = 1;
const INTO = 0;
const BACK = 1;

export class SwitchCosts {
  private readonly mean = [[0, 0], [0, 0]];
  private readonly seen = [[0, 0], [0, 0]];

  /** @param guessesMs into faster, back, into slower, back: used for a kind until its first switch replaces it */
  constructor(private readonly guessesMs?: readonly number[]) {
    if (guessesMs !== undefined && guessesMs.length !== 4) throw new Error('four guesses, one per kind');
  }

  /**
   * Learns a switch from `fromRate` to `toRate` that jumped `jumpMs`, counted at most `capMs` from its kind's
   * mean (a stall beside the switch is not the switch); returns how far it fell from that mean, NaN for the
   * first of its kind or a switch of no kind (between two nudge rates).
   */
  learn(fromRate: number, toRate: number, nominalRate: number, jumpMs: number, smoothing: number, capMs: number): number {
    let direction: number;
    let leg: number;
    if (fromRate === nominalRate && toRate !== nominalRate) {
      direction = toRate > nominalRate ? FASTER : SLOWER;
      leg = INTO;
    } else if (toRate === nominalRate && fromRate !== nominalRate) {
      direction = fromRate > nominalRate ? FASTER : SLOWER;
      leg = BACK;
    } else {
      return NaN;
    }
    if (this.seen[direction][leg]++ === 0) {
      this.mean[direction][leg] = jumpMs;
      return NaN;
    }
    const deviation = Math.min(capMs, Math.max(-capMs, jumpMs - this.mean[direction][leg]));
    this.mean[direction][leg] += smoothing * deviation;
    return deviation;
  }

  /** The jump of switching into `direction`'s rate; the guess, or `commonMs`, until one has been seen. */
  intoMs(direction: number, commonMs: number): number {
    return this.seen[direction][INTO] > 0 ? this.mean[direction][INTO] : this.guess(direction, INTO, commonMs);
  }

  /** The jump of switching back from `direction`'s rate; the guess, or `commonMs`, until one has been seen. */
  backMs(direction: number, commonMs: number): number {
    return this.seen[direction][BACK] > 0 ? this.mean[direction][BACK] : this.guess(direction, BACK, commonMs);
  }

  /** Whether this kind of player's switches were measured before (its traits' guesses): a first trim can be aimed. */
  get guessed(): boolean {
    return this.guessesMs !== undefined;
  }

  private guess(direction: number, leg: number, commonMs: number): number {
    return this.guessesMs === undefined ? commonMs : this.guessesMs[2 * direction + leg];
  }

  /** What a nudge in `direction` costs in jumps, there and back. */
  roundTripMs(direction: number, commonMs: number): number {
    return this.intoMs(direction, commonMs) + this.backMs(direction, commonMs);
  }
}
