/**
 * A sound delay from a calibration: when each click was due (the media element's clock passed its
 * position) and when it was heard (by the microphone, or a person's tap). Each heard click is matched to
 * the due click before it; the delay is their median difference, kept only when enough clicks agree.
 */
import { CLICK_SPACING_MS } from './clickTrack';
import { median } from './median';
import { SOUND_DELAY_MAX_MS, SOUND_DELAY_MIN_MS, boundedSoundDelay } from '../engine/soundDelay';

/** Fewer agreeing clicks than this is no measurement (a cough, a door). */
export const MIN_CLICKS = 4;
/** How far apart the middle half of the readings may lie: a microphone agrees within a few ms, a person's taps less. */
export const MAX_SPREAD_MS = { microphone: 15, taps: 60 } as const;

/** What every calibration tells, kept or refused. */
interface Clicks {
  readonly clicks: number;
  readonly spreadMs: number;
  /** Each click's heard-minus-due, in the clicks' order: what a refusal can be judged by. */
  readonly differencesMs: readonly number[];
}

export type CalibrationResult =
  | (Clicks & { readonly ok: true; readonly delayMs: number })
  | (Clicks & { readonly ok: false; readonly reason: 'too-few' | 'scattered' });

export function estimateDelay(dueMs: readonly number[], heardMs: readonly number[], by: keyof typeof MAX_SPREAD_MS): CalibrationResult {
  // The clicks lie further apart than the widest delay range, so a heard click can be one due click at most;
  // each due click counts once (a second reading of it is an echo or a double tap).
  const byClick = new Map<number, number>();
  for (const heard of heardMs) {
    const due = dueMs.find((d) => heard - d >= SOUND_DELAY_MIN_MS && heard - d < SOUND_DELAY_MIN_MS + CLICK_SPACING_MS);
    if (due !== undefined && !byClick.has(due) && heard - due <= SOUND_DELAY_MAX_MS) byClick.set(due, heard - due);
  }
  const inOrder = [...byClick.entries()].sort(([a], [b]) => a - b).map(([, difference]) => difference);
  const differences = [...inOrder].sort((a, b) => a - b);
  const spreadMs = interquartileRange(differences);
  const clicks = differences.length;
  if (clicks < MIN_CLICKS) return { ok: false, reason: 'too-few', clicks, spreadMs, differencesMs: inOrder };
  if (spreadMs > MAX_SPREAD_MS[by]) return { ok: false, reason: 'scattered', clicks, spreadMs, differencesMs: inOrder };
  return { ok: true, delayMs: boundedSoundDelay(median(differences)), spreadMs, clicks, differencesMs: inOrder };
}

function interquartileRange(sorted: readonly number[]): number {
  if (sorted.length < 2) return 0;
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return at(0.75) - at(0.25);
}
