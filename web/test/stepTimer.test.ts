import { describe, expect, it } from 'vitest';
import { StepTimer, TICKER_SOURCE, type StepTimerHost, type WorkerLike } from '../src/engine/stepTimer';

/** A page whose visibility the test sets, with timers and workers it can fire by hand. */
class FakeHost implements StepTimerHost {
  hidden = false;
  workersAllowed = true;
  private listener: (() => void) | undefined;
  readonly timers = new Map<number, () => void>();
  private nextId = 1;
  readonly workers: FakeWorker[] = [];

  onVisibilityChange(listener: () => void): () => void {
    this.listener = listener;
    return () => (this.listener = undefined);
  }
  makeWorker(): WorkerLike | undefined {
    if (!this.workersAllowed) return undefined;
    const w = new FakeWorker();
    this.workers.push(w);
    return w;
  }
  setInterval(f: () => void): unknown {
    this.timers.set(this.nextId, f);
    return this.nextId++;
  }
  clearInterval(id: unknown): void {
    this.timers.delete(id as number);
  }
  setHidden(hidden: boolean): void {
    this.hidden = hidden;
    this.listener?.();
  }
  firePageTimers(): void {
    this.timers.forEach((f) => f());
  }
}

class FakeWorker implements WorkerLike {
  onmessage: (() => void) | null = null;
  told: number[] = [];
  terminated = false;
  postMessage(ms: number): void {
    this.told.push(ms);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** The worker's timer fired, if it runs. */
  fire(): void {
    if (this.told.at(-1)! > 0) this.onmessage?.();
  }
}

describe('StepTimer', () => {
  it('ticks by the page timer while visible and by a worker while hidden, never both', () => {
    const host = new FakeHost();
    let ticks = 0;
    const timer = new StepTimer(host, 20, () => ticks++);
    timer.start();
    expect(timer.source).toBe('page');
    host.firePageTimers();
    expect(ticks).toBe(1);

    host.setHidden(true);
    expect(timer.source).toBe('worker');
    expect(host.timers.size).toBe(0);
    expect(host.workers[0]!.told).toEqual([20]);
    host.workers[0]!.fire();
    expect(ticks).toBe(2);

    host.setHidden(false);
    expect(timer.source).toBe('page');
    expect(host.workers[0]!.told).toEqual([20, 0]);
    host.workers[0]!.fire(); // a tick already on its way when the page came back: dropped
    expect(ticks).toBe(2);
    host.firePageTimers();
    expect(ticks).toBe(3);

    host.setHidden(true);
    expect(host.workers).toHaveLength(1); // the same worker again
    timer.stop();
    expect(host.workers[0]!.terminated).toBe(true);
    expect(host.timers.size).toBe(0);
  });

  it('keeps the page timer where no worker can be made (a site that refuses them)', () => {
    const host = new FakeHost();
    host.workersAllowed = false;
    let ticks = 0;
    const timer = new StepTimer(host, 20, () => ticks++);
    timer.start();
    host.setHidden(true);
    expect(timer.source).toBe('page');
    host.firePageTimers();
    expect(ticks).toBe(1);
    timer.stop();
  });

  it('runs a worker program that starts, changes and stops one timer', () => {
    const posted: number[] = [];
    const intervals = new Map<number, () => void>();
    let next = 1;
    const scope = {
      onmessage: undefined as ((e: { data: number }) => void) | undefined,
      postMessage: (m: number) => posted.push(m),
      setInterval: (f: () => void) => (intervals.set(next, f), next++),
      clearInterval: (id: number) => intervals.delete(id),
    };
    new Function('self', `with (self) { ${TICKER_SOURCE} self.onmessage = onmessage; }`)(scope);
    scope.onmessage!({ data: 20 });
    expect(intervals.size).toBe(1);
    intervals.forEach((f) => f());
    expect(posted).toEqual([0]);
    scope.onmessage!({ data: 0 });
    expect(intervals.size).toBe(0);
  });
});
