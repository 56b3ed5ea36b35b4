import { FASTER, SLOWER } from './switchCosts';
import type { RateSwitches } from './rateSwitches';
import type { Tolerances } from './tolerances';

/**
 * A correction by playback rate: the player runs at `rate` instead of the timeline's until its error crosses
 * the target, then switches back. Each switch costs a jump, so a nudge changes the rate twice (into it and
 * back), never continuously. The controller holds one nudge or none (none: the timeline's rate). The twin of
 * core's Nudge.java.
 */
export interface Nudge {
  /** The rate is above the timeline's (the player was behind). */
  readonly faster: boolean;
  /** The error, measured from the target, the rate was chosen for. */
  readonly aimMs: number;
  /** When (player's local time) the rate was chosen. */
  readonly aimedAtMs: number;
  readonly rate: number;
}

/**
 * A held nudge is aimed again once its error from the target has grown to this many times its aim (and the
 * error is past the band); twice, so a switch's own jump does not set it off. Measured: a page slipping under
 * CPU load while sped up gently sat 30-45 ms behind at 1.026 for seconds (issue 21's bench).
 */
const REAIM_GROWTH = 2;
/** A nudge is given this many of its time constants to remove half its error before it counts as without effect. */
const PATIENCE = 2;

export const Nudge = {
  /** The rate that removes `offMs` in about the nudge time constant, at most maxNudge off `nominal`. */
  aimed(nominal: number, offMs: number, localTimeMs: number, tolerances: Tolerances): Nudge {
    const max = tolerances.maxNudge;
    const relative = Math.min(max, Math.max(-max, -offMs / tolerances.nudgeTimeConstantMs));
    return { faster: relative > 0, aimMs: offMs, aimedAtMs: localTimeMs, rate: nominal * (1 + relative) };
  },

  /** Where the nudge lets go: the error from which switching back to `nominal` lands on the timeline. */
  targetMs(nudge: Nudge, switches: RateSwitches, nominal: number): number {
    return -switches.backMs(nudge.faster ? FASTER : SLOWER, nudge.rate, nominal);
  },

  /** The error has reached the target, coming from the side the nudge was aimed at. */
  crossed(nudge: Nudge, errorMs: number, targetMs: number): boolean {
    return nudge.faster ? errorMs >= targetMs : errorMs <= targetMs;
  },

  /** The error from the target (`offMs`) has grown to REAIM_GROWTH times the aim. */
  outgrown(nudge: Nudge, offMs: number): boolean {
    return Math.abs(offMs) >= REAIM_GROWTH * Math.abs(nudge.aimMs);
  },

  /**
   * After PATIENCE time constants more than half the aim is still left, on the side it was aimed at: the
   * player is not following its rate. Measured: headless Chromium under a CPU hog sat 30-35 ms behind at 1.06
   * for 17 s, each nudge after the last.
   */
  withoutEffect(nudge: Nudge, offMs: number, localTimeMs: number, tolerances: Tolerances): boolean {
    return localTimeMs - nudge.aimedAtMs >= PATIENCE * tolerances.nudgeTimeConstantMs && offMs / nudge.aimMs > 0.5;
  },
};
