import { SwitchCosts } from './switchCosts';
import type { PlayerTraits } from './playerTraits';
import type { Tolerances } from './tolerances';
import type { PlayerCommand, PlayerView } from '../player/playerView';

/** Rate switches whose jump must have been seen before a resting player is trimmed: one correction's two. */
const BEFORE_TRIMMING = 2;
/**
 * Once a correction has shown what the switches cost, a jump further than this many spreads from their mean (at
 * least minDeadBandMs) counts as only that far: one stall beside a switch under the CPU hog raised a page's spread
 * from about 2 to 9 ms and its trim band to the whole dead band for the rest of the session (issue 21).
 */
const OUTLIER_SPREADS = 3;

/** A rate switch made while playing, until its jump has been learned (or a seek or pause voided it). */
interface UnderWay {
  readonly fromRate: number;
  readonly toRate: number;
  readonly atMs: number;
  readonly positionMs: number;
}

/**
 * The controller's account of one player's rate switches: the switch under way, and what switches have been seen
 * to cost it (each kind's mean in SwitchCosts, all kinds' common mean, and how far a jump falls from its kind's:
 * a correction lands no closer than that). The twin of core's RateSwitches.java.
 */
export class RateSwitches {
  private readonly costs: SwitchCosts;
  private readonly underWayMs: number;
  /** How long the player plays on at the old rate: what that costs a switch is not its jump. */
  private readonly lagMs: number;
  private current: UnderWay | undefined;
  private mean = 0;
  /** How much the jumps vary around their kind's mean (smoothed mean absolute deviation). */
  private spread = 0;
  private learned = 0;

  constructor(private readonly tolerances: Tolerances, traits: PlayerTraits) {
    this.costs = new SwitchCosts(traits.switchCostGuessesMs);
    this.underWayMs = traits.switchUnderWayMs;
    this.lagMs = traits.switchLagMs;
  }

  /**
   * The player was just asked to go from `view`'s rate to `toRate`. A switch made before the last one was learned
   * voids that one: its jump and this one's cannot be told apart. Paused or busy, there is no jump.
   */
  private switched(toRate: number, view: PlayerView): void {
    this.current = view.paused || view.busy ? undefined
      : { fromRate: view.rate, toRate, atMs: view.localTimeMs, positionMs: view.positionMs };
  }

  /** Asks the player for `rate` unless it is already there, and keeps account of the switch. */
  setRate(rate: number, view: PlayerView, out: PlayerCommand[]): void {
    if (view.rate === rate) return;
    out.push({ kind: 'rate', rate });
    this.switched(rate, view);
  }

  /** A seek voids the switch under way: its move would pass for the switch's jump. */
  voidUnderWay(): void {
    this.current = undefined;
  }

  /** The player's clock may still be on its way to the last rate: the error says nothing of the switch yet. */
  underWay(view: PlayerView): boolean {
    return this.current !== undefined && view.localTimeMs - this.current.atMs < this.underWayMs;
  }

  /**
   * Once a switch is no longer under way, compares where the player is with where the reading at the switch and
   * the new rate said it would be: what the switch cost; less what playing on at the old rate for the player's lag
   * cost it, that is the switch's jump.
   * `seekedSince`: a seek went with the last step's commands (the move is the seek's); `nominalRate`: the
   * timeline's rate, what a switch left or went back to.
   */
  learn(view: PlayerView, seekedSince: boolean, nominalRate: number): void {
    const sw = this.current;
    if (!sw) return;
    if (seekedSince || view.paused || view.busy) {
      this.current = undefined;
      return;
    }
    if (this.underWay(view)) return;
    this.current = undefined;
    const predicted = sw.positionMs + (view.localTimeMs - sw.atMs) * sw.toRate;
    const moved = view.positionMs - predicted;
    if (Math.abs(moved) >= this.tolerances.maxSwitchJumpMs) return;
    // The time at the old rate is what this switch's change of rate made it cost; the rest is its jump.
    const jump = moved - this.lateMs(sw.fromRate, sw.toRate);
    const cap = this.learned >= BEFORE_TRIMMING
      ? Math.max(OUTLIER_SPREADS * this.spread, this.tolerances.minDeadBandMs) : Infinity;
    // The spread is how far a jump falls from what its kind's jumps said (a correction lands that close):
    // the first of a kind says nothing of it, and Chromium's kinds are far apart but each barely varies.
    const fromItsKind = this.costs.learn(sw.fromRate, sw.toRate, nominalRate, jump, this.tolerances.smoothing, cap);
    if (!Number.isNaN(fromItsKind)) this.spread += this.tolerances.smoothing * (Math.abs(fromItsKind) - this.spread);
    this.learned++;
    this.mean += this.tolerances.smoothing * Math.min(cap, Math.max(-cap, jump - this.mean));
  }

  /**
   * A trim can be aimed: one whole correction (out and back) has shown what this player's switches cost, or its kind's
   * switches were measured before (its traits' guesses). Mirrors RateSwitches.java, where the reason is written.
   */
  get enoughToTrim(): boolean {
    return this.learned >= BEFORE_TRIMMING || this.costs.guessed;
  }

  /**
   * What a nudge in `direction` (FASTER, SLOWER) costs in jumps, there and back; the lateness of the two switches
   * cancels (the same time at the old rate, one each way).
   */
  roundTripMs(direction: number): number {
    return this.costs.roundTripMs(direction, this.mean);
  }

  /** What switching back to `nominalRate` from a nudge in `direction` at `nudgeRate` costs, lateness included. */
  backMs(direction: number, nudgeRate: number, nominalRate: number): number {
    return this.costs.backMs(direction, this.mean) + this.lateMs(nudgeRate, nominalRate);
  }

  /** What a switch from `fromRate` to `toRate` costs by playing on at the old rate for the lag. */
  private lateMs(fromRate: number, toRate: number): number {
    return this.lagMs * (fromRate - toRate);
  }

  /** The mean jump of all switches so far. */
  get meanJumpMs(): number {
    return this.mean;
  }

  get spreadMs(): number {
    return this.spread;
  }
}
