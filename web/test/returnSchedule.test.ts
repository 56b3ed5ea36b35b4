import { describe, expect, it } from 'vitest';
import { HAND_BACK_STEP_MS } from '../src/p2p/peerAuthority';
import { GIVE_UP_STEPS, ReturnSchedule, type Timers } from '../src/p2p/returnSchedule';

/** Timers on a fake clock: `advance` runs what is due, in order. */
class FakeTimers implements Timers {
  nowMs = 0;
  private next = 0;
  private readonly due = new Map<number, { atMs: number; run: () => void }>();

  set(run: () => void, ms: number): unknown {
    this.due.set(this.next, { atMs: this.nowMs + ms, run });
    return this.next++;
  }

  clear(handle: unknown): void {
    this.due.delete(handle as number);
  }

  advance(ms: number): void {
    const until = this.nowMs + ms;
    for (;;) {
      const [id, t] = [...this.due].filter(([, d]) => d.atMs <= until).sort((a, b) => a[1].atMs - b[1].atMs)[0] ?? [];
      if (id === undefined || !t) break;
      this.due.delete(id);
      this.nowMs = t.atMs;
      t.run();
    }
    this.nowMs = until;
  }
}

function recorder(timers: FakeTimers, sent = true) {
  const events: string[] = [];
  return {
    events,
    actions: {
      handBack: () => (events.push(`handBack@${timers.nowMs}`), sent),
      giveUp: () => events.push(`giveUp@${timers.nowMs}`),
    },
  };
}

describe('ReturnSchedule', () => {
  it('hands back at its place in the order, then gives up three steps later', () => {
    const timers = new FakeTimers();
    const r = recorder(timers);
    new ReturnSchedule(timers).start(2 * HAND_BACK_STEP_MS, 3, r.actions);

    timers.advance(60_000);

    expect(r.events).toEqual([`handBack@${2 * HAND_BACK_STEP_MS}`, `giveUp@${(2 + GIVE_UP_STEPS) * HAND_BACK_STEP_MS}`]);
  });

  it('a member that may not hand back waits for every candidate before giving up', () => {
    const timers = new FakeTimers();
    const r = recorder(timers);
    new ReturnSchedule(timers).start(undefined, 3, r.actions);

    timers.advance(60_000);

    expect(r.events).toEqual([`giveUp@${(3 + GIVE_UP_STEPS) * HAND_BACK_STEP_MS}`]);
  });

  it('a second join cancels the first one\'s timers: no give-up from a join the socket lost', () => {
    const timers = new FakeTimers();
    const r = recorder(timers, false);
    const schedule = new ReturnSchedule(timers);
    schedule.start(0, 3, r.actions); // its hand-back is not sent: the socket closed again
    timers.advance(4_000);

    schedule.start(0, 3, r.actions); // joined again 4 s later
    timers.advance(GIVE_UP_STEPS * HAND_BACK_STEP_MS - 1);

    expect(r.events).toEqual(['handBack@0', 'handBack@4000']);
    timers.advance(1);
    expect(r.events).toEqual(['handBack@0', 'handBack@4000', `giveUp@${4_000 + GIVE_UP_STEPS * HAND_BACK_STEP_MS}`]);
  });

  it('once cancelled (the server\'s timeline came), nothing more happens', () => {
    const timers = new FakeTimers();
    const r = recorder(timers);
    const schedule = new ReturnSchedule(timers);
    schedule.start(HAND_BACK_STEP_MS, 2, r.actions);

    schedule.cancel();
    timers.advance(60_000);

    expect(r.events).toEqual([]);
  });
});
