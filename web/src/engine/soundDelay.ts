import type { PlayerView } from '../player/playerView';

/**
 * A viewer's sound delay: how much later they hear the film than its picture shows (Bluetooth
 * headphones, a sound bar, a TV's audio path: 100 to 300 ms are common). The room's timeline is kept
 * for what the viewer hears: the player's position is read as `picture - delay` and a jump to a heard
 * position goes to `heard + delay` in the picture, so a delayed viewer's picture runs that much ahead
 * and their sound lands with everyone else's. The twin of core's SoundDelay.java;
 * core/src/test/resources/sync/sound-delay-vectors.json binds the two.
 */
/** Sound that comes before the picture (a TV that holds its picture to process it) is rarer and smaller. */
export const SOUND_DELAY_MIN_MS = -500;
/** More than any real audio path; past this it is a mistake, not a delay. */
export const SOUND_DELAY_MAX_MS = 1_000;

/** A delay a person or a measurement asked for, within the bounds, in whole milliseconds. */
export function boundedSoundDelay(requestedMs: number): number {
  if (!Number.isFinite(requestedMs)) return 0;
  // Math.round takes halves up, as Java's does: both twins make -40.5 into -40.
  return Math.round(Math.max(SOUND_DELAY_MIN_MS, Math.min(SOUND_DELAY_MAX_MS, requestedMs)));
}

/** What the viewer hears at this instant, for a player showing `pictureMs`. */
export function heardMs(pictureMs: number, delayMs: number): number {
  return pictureMs - delayMs;
}

/** Where the picture must be for the viewer to hear `heard`; never before the film's start. */
export function pictureMs(heard: number, delayMs: number): number {
  return Math.max(0, heard + delayMs);
}

/** The player's reading as the viewer hears it. */
export function heardView(view: PlayerView, delayMs: number): PlayerView {
  return delayMs === 0 ? view : { ...view, positionMs: heardMs(view.positionMs, delayMs) };
}
