import type { Tolerances } from './tolerances';

/** VLC's rates come in its own steps (1.05 becomes 1.0504): a nudge may be reported this much further off. */
const REPORTING_SLACK = 0.01;

/**
 * Whether a rate the player reports is a person's choice, to be sent to the room, or a drift correction
 * of this client's own seen late (after the echo guard stopped waiting for it). People choose rates like
 * 1.25 or 0.75, never one within a nudge of the room's. The Java twin is core's RateGestures; the vectors
 * in core/src/test/resources/sync/rate-gesture-vectors.json bind the two.
 */
export function rateChosenByPerson(playerRate: number, timelineRate: number, tolerances: Pick<Tolerances, 'maxNudge'>): boolean {
  return Math.abs(playerRate / timelineRate - 1) > tolerances.maxNudge + REPORTING_SLACK;
}
