import { describe, expect, it } from 'vitest';
import type { MemberView } from '../src/protocol';
import { Everyone } from '../src/ui/everyone';
import { ManualClock } from './fakes';

const member = (id: string, readiness: MemberView['readiness'] = 'ready'): MemberView =>
  ({ id, name: `Viewer ${id}`, role: 'member', readiness, connection: 'connected' });

/** A fetch whose answers the test hands out one at a time. */
class Fetches {
  calls = 0;
  private pending: { resolve: (m: MemberView[]) => void; reject: (e: Error) => void }[] = [];
  readonly fetch = () => {
    this.calls++;
    return new Promise<MemberView[]>((resolve, reject) => this.pending.push({ resolve, reject }));
  };

  async answer(members: MemberView[]): Promise<void> {
    this.pending.shift()!.resolve(members);
    await flush();
  }

  async fail(): Promise<void> {
    this.pending.shift()!.reject(new Error('503'));
    await flush();
  }
}

const flush = () => new Promise((r) => setTimeout(r, 0));

/** An `Everyone` on a clock the test moves, refreshing at most every 15 s. */
function onManualClock() {
  const clock = new ManualClock();
  const fetches = new Fetches();
  return { clock, fetches, everyone: new Everyone(fetches.fetch, () => {}, () => clock.nowMs, 15_000) };
}

describe('Everyone', () => {
  it('fetches once when asked, and merges the live listed entries ahead of the rest', async () => {
    const fetches = new Fetches();
    let changes = 0;
    const everyone = new Everyone(fetches.fetch, () => changes++);
    expect(everyone.loaded).toBe(false);
    everyone.refresh(4);
    everyone.refresh(4); // still loading: no second request
    expect(fetches.calls).toBe(1);
    await fetches.answer([member('a'), member('b', 'ready'), member('c'), member('d')]);
    expect(everyone.loaded).toBe(true);
    expect(changes).toBe(1);
    // b is listed because it is buffering now: the socket's entry wins over the older snapshot.
    const listed = [member('b', 'buffering')];
    expect(everyone.merged(listed).map((m) => [m.id, m.readiness])).toEqual(
      [['b', 'buffering'], ['a', 'ready'], ['c', 'ready'], ['d', 'ready']]);
  });

  it('fetches again only when the count moved and the last fetch is old enough', async () => {
    const { clock, fetches, everyone } = onManualClock();
    everyone.refresh(150);
    await fetches.answer([member('a')]);
    clock.advance(60_000);
    everyone.refresh(150); // same count: nothing to learn
    expect(fetches.calls).toBe(1);
    everyone.refresh(151);
    expect(fetches.calls).toBe(2);
    await fetches.answer([member('a'), member('b')]);
    clock.advance(5_000);
    everyone.refresh(152); // moved again, but only 5 s later
    expect(fetches.calls).toBe(2);
    clock.advance(10_000);
    everyone.refresh(152);
    expect(fetches.calls).toBe(3);
  });

  it('keeps what it showed when a fetch fails, and tries again after the interval', async () => {
    const { clock, fetches, everyone } = onManualClock();
    everyone.refresh(150);
    await fetches.answer([member('a'), member('b')]);
    clock.advance(20_000);
    everyone.refresh(151);
    await fetches.fail();
    expect(everyone.merged([]).map((m) => m.id)).toEqual(['a', 'b']);
    everyone.refresh(151);
    expect(fetches.calls).toBe(2);
    clock.advance(15_000);
    everyone.refresh(151);
    expect(fetches.calls).toBe(3);
  });

  it('does not hammer the server when the first fetch fails', async () => {
    const { clock, fetches, everyone } = onManualClock();
    everyone.refresh(150);
    await fetches.fail();
    expect(everyone.loaded).toBe(false);
    everyone.refresh(150);
    clock.advance(14_999);
    everyone.refresh(150);
    expect(fetches.calls).toBe(1);
    clock.advance(1);
    everyone.refresh(150);
    expect(fetches.calls).toBe(2);
  });
});
