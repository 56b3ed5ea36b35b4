/**
 * When each click of the calibration track was due on the page's clock, from readings of the media
 * element's clock taken while it played. The media clock stops while its sound output starves, and a
 * busy machine starves it now and then (one loaded check's clock fell 170 ms behind the page's in
 * 12 s, in steps), so each click is placed by the readings taken near it, not by one mapping for all.
 */
import { median } from './median';

export interface ClockReading {
  /** The track's position, in ms. */
  readonly positionMs: number;
  /** performance.now() when it was read. */
  readonly pageMs: number;
}

/** Readings within this much of a click's position place it: several frames' worth, little room for a stall. */
const NEAR_MS = 400;

export function dueTimes(readings: readonly ClockReading[], positionsMs: readonly number[]): number[] {
  return positionsMs.map((p) => {
    const near = readings.filter((r) => Math.abs(r.positionMs - p) <= NEAR_MS);
    return p + median((near.length > 0 ? near : readings).map((r) => r.pageMs - r.positionMs));
  });
}
