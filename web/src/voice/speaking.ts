/**
 * Who is speaking, from the level of their audio (docs/architecture.md, "Voice"): a level above
 * `onDb` for `attackMs` starts speech, a level below `offDb` for `releaseMs` ends it, and between the
 * two thresholds nothing changes (hysteresis). Pure: the caller measures the level and says when.
 */

export interface SpeakingThresholds {
  /** RMS level (dBFS) a frame must reach to count as voice. */
  readonly onDb: number;
  /** RMS level (dBFS) a frame must fall under to count as silence; between the two the state holds. */
  readonly offDb: number;
  /** Voice must last this long before someone counts as speaking. */
  readonly attackMs: number;
  /** Silence must last this long before they stop. */
  readonly releaseMs: number;
}

export const SPEAKING: SpeakingThresholds = {
  // Speech after the browser's auto gain sits around -30..-15 dBFS; a quiet room after its noise
  // suppression stays under -55. -45/-55 leaves 10 dB between them, so a level that hovers near one
  // threshold does not make the indicator (and the film's volume) flicker.
  onDb: -45,
  offDb: -55,
  // A click or a cough (tens of ms) does not lower the film.
  attackMs: 120,
  // The pauses between words (100-400 ms) do not let the film swell up and back.
  releaseMs: 700,
};

/** Levels below this are treated as this: digital silence is -Infinity. */
const FLOOR_DB = -100;

/** The RMS level of samples in [-1, 1], in dBFS (FLOOR_DB for silence). */
export function rmsDb(samples: ArrayLike<number>): number {
  if (samples.length === 0) return FLOOR_DB;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i]! * samples[i]!;
  const rms = Math.sqrt(sum / samples.length);
  return rms > 0 ? Math.max(FLOOR_DB, 20 * Math.log10(rms)) : FLOOR_DB;
}

export class SpeakingDetector {
  private on = false;
  /** Since when the level has been on the other side of the current state's threshold (undefined: it is not). */
  private crossingSince: number | undefined;

  constructor(private readonly t: SpeakingThresholds = SPEAKING) {}

  get speaking(): boolean {
    return this.on;
  }

  /** One measurement of the level at `atMs`; answers whether the person is speaking now. */
  sample(levelDb: number, atMs: number): boolean {
    const crossing = this.on ? levelDb < this.t.offDb : levelDb >= this.t.onDb;
    if (!crossing) {
      this.crossingSince = undefined;
      return this.on;
    }
    this.crossingSince ??= atMs;
    if (atMs - this.crossingSince >= (this.on ? this.t.releaseMs : this.t.attackMs)) {
      this.on = !this.on;
      this.crossingSince = undefined;
    }
    return this.on;
  }

  /** The audio stopped (the peer left or turned the microphone off): not speaking, at once. */
  reset(): void {
    this.on = false;
    this.crossingSince = undefined;
  }
}
