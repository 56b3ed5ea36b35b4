/**
 * Finds the clicks in what the microphone hears: an onset is the first sample whose level rises well
 * above the room's noise after a quiet stretch. Fed block by block, each with the time its first sample
 * was heard; pure, so the same detector is tested on made-up signals.
 */
/** After an onset, the rest of that click (and its echo in a small room) is not another one. */
const REFRACTORY_MS = 400;
/** An onset stands this many times above the noise floor, and above an absolute floor for a silent room. */
const OVER_NOISE = 8;
const MIN_LEVEL = 0.02;
/** How fast the noise floor follows the room (per sample), slow enough that a click does not lift it. */
const NOISE_FOLLOW = 0.0005;

export class OnsetDetector {
  private noise = 0.001;
  private lastOnsetMs = -Infinity;
  readonly onsetsMs: number[] = [];

  constructor(private readonly sampleRate: number) {}

  /** One block of samples, the first of which was heard at `firstSampleMs` (on the page's clock). */
  feed(samples: Float32Array, firstSampleMs: number): void {
    for (let i = 0; i < samples.length; i++) {
      const level = Math.abs(samples[i]!);
      const atMs = firstSampleMs + (i * 1000) / this.sampleRate;
      if (level > Math.max(MIN_LEVEL, this.noise * OVER_NOISE) && atMs - this.lastOnsetMs >= REFRACTORY_MS) {
        this.onsetsMs.push(atMs);
        this.lastOnsetMs = atMs;
      }
      if (atMs - this.lastOnsetMs >= REFRACTORY_MS) this.noise += (level - this.noise) * NOISE_FOLLOW;
    }
  }
}
