import type { Tolerances } from './tolerances';

/**
 * A start the player was told to make ahead of its instant by its start latency, from the plan until its
 * error has taught that latency: pending until it fires, then settling. The controller holds one start or
 * none. The twin of core's Start.java; `leadMs` is how far ahead of the instant play() was (or is to be) called.
 */
export type Start = PendingStart | SettlingStart;

/**
 * play() is due `leadMs` before `instantMs` (server time). `catchUp`: planned by a catch-up on the timeline of
 * its step, not the room's scheduled instant; a new timeline cancels it.
 */
export interface PendingStart {
  readonly kind: 'pending';
  readonly instantMs: number;
  readonly leadMs: number;
  readonly catchUp: boolean;
}

/** Fired, and left alone until `untilMs` (server time); then its error says how early play() should be. */
export interface SettlingStart {
  readonly kind: 'settling';
  readonly untilMs: number;
  readonly leadMs: number;
}

export const Start = {
  pending(instantMs: number, leadMs: number, catchUp: boolean): PendingStart {
    return { kind: 'pending', instantMs, leadMs, catchUp };
  },

  /** The start has fired: it comes up to speed until the settle time has passed. */
  settling(pending: PendingStart, tolerances: Tolerances): SettlingStart {
    return { kind: 'settling', untilMs: pending.instantMs + tolerances.startSettleMs, leadMs: pending.leadMs };
  },
};
