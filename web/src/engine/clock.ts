/**
 * NTP-style clock sync: t0 client send, t1 server receive, t2 server send, t3 client receive.
 * offset = what to add to the local clock to get server time.
 */
export interface ClockSample {
  readonly offsetMs: number;
  readonly delayMs: number;
}

export function clockSample(t0: number, t1: number, t2: number, t3: number): ClockSample {
  return { offsetMs: ((t1 - t0) + (t2 - t3)) / 2, delayMs: (t3 - t0) - (t2 - t1) };
}

/** The server's receive time minus the client's send time: the offset plus the way up. */
export function upperBound(s: ClockSample): number {
  return s.offsetMs + s.delayMs / 2;
}

/** The server's send time minus the client's receive time: the offset minus the way down. */
export function lowerBound(s: ClockSample): number {
  return s.offsetMs - s.delayMs / 2;
}

/**
 * The estimate from the last N samples, each direction's fastest crossing taken on its own: the
 * middle of the tightest upper bound and the tightest lower bound (the mean of the bestOf tightest
 * of each), whichever samples gave them. Every delay only widens a bound, so the two hold the
 * offset between them. Mirrors core/.../sync/ClockEstimator.java, where the reasons are written.
 */
export class ClockEstimator {
  private samples: ClockSample[] = [];

  constructor(private readonly capacity: number, private readonly bestOf: number) {}

  add(sample: ClockSample): void {
    if (!(sample.delayMs >= 0) || !Number.isFinite(sample.offsetMs)) return;
    this.samples.push(sample);
    while (this.samples.length > this.capacity) this.samples.shift();
  }

  restartWith(sample: ClockSample): void {
    this.samples = [];
    this.add(sample);
  }

  get size(): number {
    return this.samples.length;
  }

  get offsetMs(): number {
    if (this.samples.length === 0) return 0;
    const k = Math.min(this.bestOf, this.samples.length);
    const upper = this.sortedBounds(upperBound);
    const lower = this.sortedBounds(lowerBound);
    let sum = 0;
    for (let i = 0; i < k; i++) sum += upper[i] + lower[lower.length - 1 - i];
    return sum / (2 * k);
  }

  get rttMs(): number {
    return this.fastest()[0]?.delayMs ?? 0;
  }

  /**
   * How far the estimate may be off, from the samples' own spread: how much it would move if the
   * tightest bound of each direction were dropped. Infinite before two samples.
   */
  get uncertaintyMs(): number {
    if (this.samples.length < 2) return Infinity;
    const upper = this.sortedBounds(upperBound);
    const lower = this.sortedBounds(lowerBound);
    const n = lower.length;
    return (upper[1] - upper[0] + (lower[n - 1] - lower[n - 2])) / 2;
  }

  /** A sample about as fast as the best that disagrees with the estimate: the local clock stepped. */
  suggestsShift(sample: ClockSample, shiftMs: number): boolean {
    const best = this.fastest()[0];
    if (!best || this.samples.length < this.capacity / 2) return false;
    const comparablyFast = sample.delayMs <= best.delayMs * 1.5 + 2;
    return comparablyFast && Math.abs(sample.offsetMs - this.offsetMs) > shiftMs;
  }

  private sortedBounds(bound: (s: ClockSample) => number): number[] {
    return this.samples.map(bound).sort((a, b) => a - b);
  }

  private fastest(): ClockSample[] {
    return [...this.samples].sort((a, b) => a.delayMs - b.delayMs);
  }
}

/** The tolerances clock sync uses (a subset of TOLERANCES). */
export interface ClockSyncTolerances {
  readonly clockSamples: number;
  readonly clockBestOf: number;
  readonly clockBurst: number;
  readonly clockBurstSpacingMs: number;
  readonly clockPeriodMs: number;
  readonly clockSettleSamples: number;
  readonly clockSettledPeriodMs: number;
  readonly heartbeatIntervalMs: number;
  readonly clockShiftMs: number;
}

/**
 * A client's clock sync, apart from sending: how often to ping (a burst of quick pings on each new
 * connection and after the local clock seemed to step, then four a second until the estimate has
 * settled, then one a settled period; the pings are also the heartbeat) and what the pongs say of the server clock. Mirrors core/.../sync/ClockSync.java.
 */
export class ClockSync {
  private readonly estimate: ClockEstimator;
  private burstLeft = 0;

  constructor(private readonly t: ClockSyncTolerances) {
    this.estimate = new ClockEstimator(t.clockSamples, t.clockBestOf);
  }

  /** A new connection: learn the offset again quickly. The samples so far are kept. */
  connected(): void {
    this.burstLeft = this.t.clockBurst;
  }

  /** Called as a ping is sent: how long until the next one. */
  nextPingDelayMs(): number {
    if (this.burstLeft > 0) {
      this.burstLeft--;
      return this.t.clockBurstSpacingMs;
    }
    const period = this.settled ? this.t.clockSettledPeriodMs : this.t.clockPeriodMs;
    return Math.min(period, this.t.heartbeatIntervalMs);
  }

  /** Enough samples that more would rarely move the estimate: pings may come less often. */
  get settled(): boolean {
    return this.estimate.size >= Math.min(this.t.clockSettleSamples, this.t.clockSamples);
  }

  /** A pong's sample; true when it suggests the local clock stepped (the estimate restarts, with a new burst). */
  pong(sample: ClockSample): boolean {
    if (this.estimate.suggestsShift(sample, this.t.clockShiftMs)) {
      this.estimate.restartWith(sample);
      this.burstLeft = this.t.clockBurst;
      return true;
    }
    this.estimate.add(sample);
    return false;
  }

  /** Add to the local clock to get server time. */
  get offsetMs(): number {
    return this.estimate.offsetMs;
  }

  get rttMs(): number {
    return this.estimate.rttMs;
  }

  /** How far the offset may be off, from its samples' spread (sizes the sync dead band). */
  get uncertaintyMs(): number {
    return this.estimate.uncertaintyMs;
  }

  /** Enough samples for the estimate to be trusted (one burst's worth). */
  get synced(): boolean {
    return this.estimate.size >= Math.min(this.t.clockBurst, this.t.clockSamples);
  }
}
