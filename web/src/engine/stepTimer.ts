/**
 * The sync engine's heartbeat: `tick` every `ms`. While the page is visible, by the page's own timer. While it
 * is hidden (another tab in front, the screen locked, the room in a picture-in-picture window), browsers may
 * throttle the page's timers to once a second; a nudge begun before such a gap would run a second long, 50 ms
 * past its target. Chromium does not throttle a page that plays media (measured: HiddenTabBrowserTest, a hidden
 * room page's 20 ms timer kept its pace, muted or not); for browsers that do, a hidden page's ticks come from a
 * dedicated worker's timer, which background throttling leaves alone. Where no worker can be made (a site's
 * policy, in the extension), the page's timer goes on.
 */
export interface StepTimerHost {
  readonly hidden: boolean;
  onVisibilityChange(listener: () => void): () => void;
  /** A worker that posts a message every `ms` once told `ms` (0: stop); undefined where none can be made. */
  makeWorker(): WorkerLike | undefined;
  setInterval(f: () => void, ms: number): unknown;
  clearInterval(id: unknown): void;
}

export interface WorkerLike {
  onmessage: (() => void) | null;
  postMessage(ms: number): void;
  terminate(): void;
}

/** The worker's whole program: one timer, started, changed or stopped by the page. */
export const TICKER_SOURCE = 'let id; onmessage = (e) => { clearInterval(id); if (e.data > 0) id = setInterval(() => postMessage(0), e.data); };';

export class StepTimer {
  private pageTimer: unknown;
  private worker: WorkerLike | undefined;
  private workerFailed = false;
  private offVisibility: (() => void) | undefined;

  constructor(private readonly host: StepTimerHost, private readonly ms: number, private readonly tick: () => void) {}

  start(): void {
    this.offVisibility = this.host.onVisibilityChange(() => this.follow());
    this.follow();
  }

  stop(): void {
    this.offVisibility?.();
    this.offVisibility = undefined;
    this.usePageTimer(false);
    this.worker?.terminate();
    this.worker = undefined;
  }

  /** Which clock ticks now: the worker's while hidden (where there is one), else the page's. */
  get source(): 'page' | 'worker' {
    return this.worker?.onmessage ? 'worker' : 'page';
  }

  private follow(): void {
    if (this.host.hidden && this.startWorker()) {
      this.usePageTimer(false);
    } else {
      this.stopWorker();
      this.usePageTimer(true);
    }
  }

  private startWorker(): boolean {
    if (this.workerFailed) return false;
    if (!this.worker) {
      this.worker = this.host.makeWorker();
      if (!this.worker) {
        this.workerFailed = true;
        return false;
      }
    }
    this.worker.onmessage = () => this.tick();
    this.worker.postMessage(this.ms);
    return true;
  }

  private stopWorker(): void {
    if (!this.worker) return;
    this.worker.onmessage = null;
    this.worker.postMessage(0);
  }

  private usePageTimer(on: boolean): void {
    if (on && this.pageTimer === undefined) this.pageTimer = this.host.setInterval(this.tick, this.ms);
    if (!on && this.pageTimer !== undefined) {
      this.host.clearInterval(this.pageTimer);
      this.pageTimer = undefined;
    }
  }
}

/** The browser's document and workers; no worker where the page's policy refuses one. */
export function browserStepHost(): StepTimerHost {
  return {
    get hidden() {
      return typeof document !== 'undefined' && document.visibilityState === 'hidden';
    },
    onVisibilityChange(listener) {
      if (typeof document === 'undefined') return () => undefined;
      document.addEventListener('visibilitychange', listener);
      return () => document.removeEventListener('visibilitychange', listener);
    },
    makeWorker() {
      try {
        const url = URL.createObjectURL(new Blob([TICKER_SOURCE], { type: 'text/javascript' }));
        const worker = new Worker(url);
        URL.revokeObjectURL(url);
        return worker as unknown as WorkerLike;
      } catch {
        return undefined;
      }
    },
    setInterval: (f, ms) => setInterval(f, ms),
    clearInterval: (id) => clearInterval(id as ReturnType<typeof setInterval>),
  };
}
