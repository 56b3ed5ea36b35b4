/**
 * The timers of one return to the server (docs/protocol.md 3.12, "Hand-back"): hand the peers' timeline
 * back after this member's place in the authority order, and give up waiting for anyone's hand-back a
 * few steps later. Each `joined` starts a new return and cancels the last one's timers: on a loaded
 * machine a page's socket may close and open again while it returns, and a give-up left over from the
 * first join then fired before the second join's hand-back had a chance, taking the room back to where
 * it stood on the server before the cut (`bench/run hybrid`, load average 56: a 68 s jump).
 */
import { HAND_BACK_STEP_MS } from './peerAuthority';

/** Steps after the last place that may hand back before a member stops waiting for a hand-back. */
export const GIVE_UP_STEPS = 3;

export interface ReturnActions {
  /** Send this member's `handBack`; false when it could not be sent (the socket closed again). */
  handBack(): boolean;
  /** Nobody handed the room back in time: follow the server as it is. */
  giveUp(): void;
}

export interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const REAL_TIMERS: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class ReturnSchedule {
  private handles: unknown[] = [];

  constructor(private readonly timers: Timers = REAL_TIMERS) {}

  /**
   * A new return: `handBackAfterMs` is when this member hands back (undefined: it may not, and waits for
   * the `candidates` before it); the give-up comes GIVE_UP_STEPS steps after the last of those.
   */
  start(handBackAfterMs: number | undefined, candidates: number, actions: ReturnActions): void {
    this.cancel();
    const lastTurnMs = handBackAfterMs ?? candidates * HAND_BACK_STEP_MS;
    if (handBackAfterMs !== undefined) this.handles.push(this.timers.set(() => actions.handBack(), handBackAfterMs));
    this.handles.push(this.timers.set(() => actions.giveUp(), lastTurnMs + GIVE_UP_STEPS * HAND_BACK_STEP_MS));
  }

  /** The return is over (the server's timeline came, or the page leaves): nothing more happens. */
  cancel(): void {
    for (const h of this.handles) this.timers.clear(h);
    this.handles = [];
  }
}
