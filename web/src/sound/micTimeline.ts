/**
 * Places the microphone's batches on the page's clock. Each batch carries the audio context's frame of
 * its first sample; readings of the audio clock (AudioContext.getOutputTimestamp: a frame and the page
 * time it was rendered, read together on the audio thread's side) say where frames lie on the page's
 * clock. Neither depends on when the page's busy main thread got to them; the arrival of batches, the
 * earlier anchor, did (a loaded check placed clicks up to 280 ms late). The frame count alone does not
 * hold over a whole check either: on a busy machine the audio thread misses turns and the count loses
 * time against the wall (one loaded check's clicks, 1.5 s apart, were 1.27 to 1.5 s apart in frames), so
 * each batch is placed by the readings near it. Pure, so tested with made-up clocks, gaps and lost time.
 */
import { median } from './median';

export interface MicBatch {
  /** The audio context's frame of the first sample. */
  readonly frame: number;
  readonly samples: Float32Array;
}

/** A frame of the audio context and the page time (performance.now()) it was rendered at. */
export interface AudioClockReading {
  readonly frame: number;
  readonly pageMs: number;
}

/** Readings within this much of a batch place it: several, and little room for lost time in between. */
const NEAR_MS = 300;

export class MicTimeline {
  private readonly batches: MicBatch[] = [];
  private readonly readings: AudioClockReading[] = [];

  constructor(private readonly sampleRate: number) {}

  add(batch: MicBatch): void {
    this.batches.push(batch);
  }

  clock(reading: AudioClockReading): void {
    if (Number.isFinite(reading.frame) && Number.isFinite(reading.pageMs)) this.readings.push(reading);
  }

  /** Every batch in frame order, with the page time of its first sample; none without a clock reading. */
  timed(): { readonly samples: Float32Array; readonly firstSampleMs: number }[] {
    if (this.readings.length === 0) return [];
    const near = (this.sampleRate * NEAR_MS) / 1000;
    return [...this.batches]
      .sort((a, b) => a.frame - b.frame)
      .map((batch) => {
        const close = this.readings.filter((r) => Math.abs(r.frame - batch.frame) <= near);
        const used = close.length > 0 ? close : [this.nearest(batch.frame)];
        return { samples: batch.samples, firstSampleMs: median(used.map((r) => r.pageMs - this.frameMs(r.frame))) + this.frameMs(batch.frame) };
      });
  }

  private nearest(frame: number): AudioClockReading {
    return this.readings.reduce((best, r) => (Math.abs(r.frame - frame) < Math.abs(best.frame - frame) ? r : best));
  }

  private frameMs(frame: number): number {
    return (frame * 1000) / this.sampleRate;
  }
}
