import type { Timeline } from './timeline';

/**
 * A paused player catching up on a playing timeline was sent to land, paused, on `positionMs`, ahead of the
 * timeline, at `issuedAtMs` (player's local time); once there it starts on the instant the timeline reaches
 * that frame. The controller holds one landing or none (none: not catching up). The twin of core's Landing.java.
 */
export interface Landing {
  readonly positionMs: number;
  readonly issuedAtMs: number;
}

export const Landing = {
  /** The landing frame, within `toleranceMs`, is where the player is. */
  reached(landing: Landing, playerPositionMs: number, toleranceMs: number): boolean {
    return Math.abs(playerPositionMs - landing.positionMs) <= toleranceMs;
  },

  /** When (server time) the timeline reaches the landing frame. */
  instantOn(landing: Landing, timeline: Timeline): number {
    return timeline.anchorTimeMs + (landing.positionMs - timeline.anchorPositionMs) / timeline.rate;
  },
};
