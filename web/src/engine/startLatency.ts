import type { Tolerances } from './tolerances';

/**
 * How long before its instant this player must be told to play so that its clock runs at speed on it: its
 * kind's guess until the first settled start measures it, then smoothed. The twin of core's StartLatency.java.
 */
export class StartLatency {
  private learned = false;

  constructor(private current: number) {}

  get ms(): number {
    return this.current;
  }

  /** A start issued `leadMs` ahead settled `errorMs` off: it should have been issued leadMs - errorMs ahead. */
  learn(leadMs: number, errorMs: number, tolerances: Tolerances): void {
    const measured = Math.min(tolerances.maxStartLatencyMs, Math.max(0, leadMs - errorMs));
    this.current = this.learned ? this.current + tolerances.smoothing * (measured - this.current) : measured;
    this.learned = true;
  }
}
