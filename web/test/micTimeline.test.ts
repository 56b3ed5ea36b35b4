import { describe, expect, it } from 'vitest';
import { CLICK_SAMPLE_RATE, clickPositionsMs, clickTrackWav } from '../src/sound/clickTrack';
import { MicTimeline } from '../src/sound/micTimeline';
import { OnsetDetector } from '../src/sound/onsets';

const BATCH = 1024;
const START_MS = 5_000;

/** The click track's samples, as the microphone tap would hand them over. */
function trackSamples(): Float32Array {
  const wav = clickTrackWav(8);
  const v = new DataView(wav.buffer);
  return Float32Array.from({ length: (wav.length - 44) / 2 }, (_, i) => v.getInt16(44 + i * 2, true) / 32768);
}

interface Trouble {
  /** Every n-th batch never reaches the page (0: none lost). */
  readonly loseEvery?: number;
  /** At these track positions the audio thread missed its turns for 120 ms: that sound is gone, the frame count did not move. */
  readonly stallsAtMs?: readonly number[];
}

/**
 * The click times the page finds when the microphone started hearing the track at START_MS. With each
 * batch that reaches the page comes a reading of the audio clock, true to a tenth of a millisecond
 * (seeded) however late the batch came.
 */
function onsetsHeard(trouble: Trouble, seed: number): number[] {
  const samples = trackSamples();
  const timeline = new MicTimeline(CLICK_SAMPLE_RATE);
  const stall = (120 * CLICK_SAMPLE_RATE) / 1000;
  let s = seed;
  let frame = 96_000;
  for (let at = 0, n = 0; at < samples.length; n++) {
    const atMs = (at * 1000) / CLICK_SAMPLE_RATE;
    if (trouble.stallsAtMs?.some((t) => t <= atMs && t > atMs - (BATCH * 1000) / CLICK_SAMPLE_RATE)) at += stall;
    const batch = samples.slice(at, at + BATCH);
    s = (s * 1103515245 + 12345) % 2147483648;
    const lost = trouble.loseEvery !== undefined && n % trouble.loseEvery === trouble.loseEvery - 1;
    if (!lost) {
      timeline.add({ frame, samples: batch });
      const readAt = at + batch.length;
      timeline.clock({ frame: frame + batch.length, pageMs: START_MS + (readAt * 1000) / CLICK_SAMPLE_RATE + (s / 2147483648 - 0.5) * 0.2 });
    }
    at += BATCH;
    frame += BATCH;
  }
  const detector = new OnsetDetector(CLICK_SAMPLE_RATE);
  for (const b of timeline.timed()) detector.feed(b.samples, b.firstSampleMs);
  return detector.onsetsMs.map((t) => t - START_MS);
}

function expectEach(onsets: number[], positions: number[]): void {
  expect(onsets).toHaveLength(positions.length);
  onsets.forEach((t, i) => expect(Math.abs(t - positions[i]!)).toBeLessThan(1));
}

describe('MicTimeline', () => {
  it('is empty before any batch', () => {
    expect(new MicTimeline(48_000).timed()).toEqual([]);
  });

  it('places every click on the page clock within a millisecond', () => {
    for (const seed of [11, 12]) expectEach(onsetsHeard({}, seed), clickPositionsMs(8));
  });

  it('keeps the clicks it heard in place when batches are lost (a busy page lost some and shifted the rest)', () => {
    // Every 7th batch lost: the clicks whose first samples were in a kept batch.
    const kept = clickPositionsMs(8).filter((p) => Math.floor(((p / 1000) * CLICK_SAMPLE_RATE) / BATCH) % 7 !== 6);
    expect(kept.length).toBe(5);
    for (const seed of [1, 2, 3]) expectEach(onsetsHeard({ loseEvery: 7 }, seed), kept);
  });

  it('keeps the clicks in place when the frame count loses time against the wall', () => {
    // A stall half-way between each two clicks: every click after the first comes after 120 ms more lost time.
    const positions = clickPositionsMs(8);
    const heard = onsetsHeard({ stallsAtMs: positions.map((p) => p - 750) }, 5);
    expectEach(heard, positions);
  });

  it('places a batch by the nearest reading when none is near, and nothing without one', () => {
    const timeline = new MicTimeline(48_000);
    const batch = { frame: 480_000, samples: new Float32Array(8) };
    timeline.add(batch);
    expect(timeline.timed()).toEqual([]);
    timeline.clock({ frame: 0, pageMs: 2_000 });
    timeline.clock({ frame: Number.NaN, pageMs: 1 });
    expect(timeline.timed()).toEqual([{ samples: batch.samples, firstSampleMs: 12_000 }]);
  });
});
