import { FASTER, SLOWER } from './switchCosts';
import { Nudge } from './nudge';
import type { PlayerCommand, PlayerView } from '../player/playerView';
import type { RateSwitches } from './rateSwitches';
import { RestingError } from './restingError';
import type { Tolerances } from './tolerances';

/**
 * The controller's corrections by playback rate: the nudge held (undefined: the player is meant to run at the
 * timeline's rate), the resting error that decides a trim, and how many nudges there have been. A nudge is
 * started for an error past the band, or for a resting player's mean error past the trim band, and let go when
 * the error crosses its target. The controller says when to correct and drops the nudge whenever it takes the
 * player over (a pause, a seek, a catch-up). The twin of core's Nudging.java.
 */
export class Nudging {
  private readonly resting = new RestingError();
  private nudge: Nudge | undefined;
  /** This step found the player at rest: its reading counts toward the resting error. */
  private atRest = false;
  /** The clock estimate's uncertainty, as the client last told it (NaN: not told: the widest band). */
  private clockUncertaintyMs = NaN;
  private started = 0;

  constructor(private readonly tolerances: Tolerances, private readonly switches: RateSwitches) {}

  beginStep(): void {
    this.atRest = false;
  }

  /** A step that did not find the player at rest ends the rest: its readings so far describe another. */
  endStep(): void {
    if (!this.atRest) this.resting.reset();
  }

  drop(): void {
    this.nudge = undefined;
  }

  set clockUncertainty(ms: number) {
    this.clockUncertaintyMs = ms;
  }

  /** Nudges started so far: each counts once, however long it is held. */
  get count(): number {
    return this.started;
  }

  /** See SyncController.trimBandMs. */
  get trimBandMs(): number {
    if (Number.isNaN(this.clockUncertaintyMs) || !this.switches.enoughToTrim) return this.tolerances.deadBandMs;
    const wanted = Math.max(2 * this.clockUncertaintyMs, 3 * this.switches.spreadMs);
    return Math.min(this.tolerances.deadBandMs, Math.max(this.tolerances.minDeadBandMs, wanted));
  }

  /** A nudge is held, the error is past `bandMs`, and the player is not following the nudge's rate. */
  withoutEffect(errorMs: number, nominal: number, localTimeMs: number, bandMs: number): boolean {
    const nudge = this.nudge;
    return nudge !== undefined && Math.abs(errorMs) > bandMs
      && Nudge.withoutEffect(nudge, errorMs - Nudge.targetMs(nudge, this.switches, nominal), localTimeMs, this.tolerances);
  }

  /**
   * Corrects an error beyond `bandMs` at once, and a resting player's lasting error beyond its trim band, with a
   * nudge held until the error crosses its target. Nothing while a rate switch is under way: the error says
   * nothing of it yet.
   */
  correct(errorMs: number, nominal: number, view: PlayerView, out: PlayerCommand[], bandMs: number): void {
    if (this.switches.underWay(view)) return;
    const nudge = this.nudge;
    if (nudge !== undefined) {
      const target = Nudge.targetMs(nudge, this.switches, nominal);
      if (Nudge.crossed(nudge, errorMs, target)) {
        this.nudge = undefined;
        this.switches.setRate(nominal, view, out);
        return;
      }
      const off = errorMs - target;
      if (Math.abs(errorMs) > bandMs && Nudge.outgrown(nudge, off)) this.aim(nominal, off, view, out);
      return;
    }
    if (Math.abs(errorMs) > bandMs) {
      // Beyond the band something is done even when the learned costs say no rate lands closer (they may be off).
      if (!this.startFrom(nominal, errorMs, view, out)) this.start(nominal, errorMs, view, out);
      return;
    }
    this.switches.setRate(nominal, view, out);
    this.atRest = true;
    const mean = this.resting.add(errorMs, view.localTimeMs, this.tolerances.trimWindowMs);
    if (Math.abs(mean) > this.trimBandMs) this.startFrom(nominal, mean, view, out);
  }

  /**
   * Starts the nudge that lands a player `errorMs` off back on the timeline: the direction whose two switches
   * (into the rate, and back) cost what the rate then makes up. Each switch jumps, so a player a little ahead may
   * need speeding up (a round trip costs more than it is ahead) and one far ahead slowing down. False, and
   * nothing done, when no direction lands closer.
   */
  private startFrom(nominal: number, errorMs: number, view: PlayerView, out: PlayerCommand[]): boolean {
    const offFaster = errorMs + this.switches.roundTripMs(FASTER);
    const offSlower = errorMs + this.switches.roundTripMs(SLOWER);
    if (offFaster < 0) this.start(nominal, offFaster, view, out);
    else if (offSlower > 0) this.start(nominal, offSlower, view, out);
    else return false;
    return true;
  }

  /** A new nudge for an error of `offMs` from its target: one more correction, and the end of a rest. */
  private start(nominal: number, offMs: number, view: PlayerView, out: PlayerCommand[]): void {
    this.resting.reset();
    this.started++;
    this.aim(nominal, offMs, view, out);
  }

  /** Sets the rate of a nudge (new or held) for an error of `offMs` from its target. */
  private aim(nominal: number, offMs: number, view: PlayerView, out: PlayerCommand[]): void {
    const nudge = Nudge.aimed(nominal, offMs, view.localTimeMs, this.tolerances);
    this.nudge = nudge;
    this.switches.setRate(nudge.rate, view, out);
  }
}
