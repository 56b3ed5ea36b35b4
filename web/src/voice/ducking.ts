/**
 * Lowering the film while someone speaks ("ducking"), as broadcast voice-over does: the video's
 * volume is the viewer's own volume times a gain that glides down when a voice starts and back up
 * after it ends. Pure: the caller says how much time passed.
 */

export interface DuckingShape {
  /** The gain while someone speaks. */
  readonly gain: number;
  /** How long the glide from full volume down to `gain` takes. */
  readonly downMs: number;
  /** How long the glide back up takes. */
  readonly upMs: number;
}

export const DUCKING: DuckingShape = {
  // About -10 dB: the film stays audible under the voice (broadcast ducking uses -10..-15 dB).
  gain: 0.3,
  // Fast enough that the first word is not drowned, slow enough not to click.
  downMs: 150,
  // Slower up: a pause for breath after a sentence does not pump the film's volume.
  upMs: 800,
};

/**
 * The gain `dtMs` after it was `gain`, gliding linearly toward the ducked gain while `someoneSpeaks`
 * (and ducking is on) and toward 1 otherwise.
 */
export function nextGain(gain: number, someoneSpeaks: boolean, enabled: boolean, dtMs: number,
  shape: DuckingShape = DUCKING): number {
  const target = someoneSpeaks && enabled ? shape.gain : 1;
  const span = 1 - shape.gain;
  if (gain > target) return Math.max(target, gain - (span * Math.max(0, dtMs)) / shape.downMs);
  return Math.min(target, gain + (span * Math.max(0, dtMs)) / shape.upMs);
}

/** What the video element's volume is: the viewer's volume, lowered by the gain, within [0, 1]. */
export function videoVolume(userVolume: number, gain: number): number {
  return Math.min(1, Math.max(0, userVolume * gain));
}
