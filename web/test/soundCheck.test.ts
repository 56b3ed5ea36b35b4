import { describe, expect, it } from 'vitest';
import { CLICK_SAMPLE_RATE, CLICK_SPACING_MS, clickPositionsMs, clickTrackWav } from '../src/sound/clickTrack';
import { OnsetDetector } from '../src/sound/onsets';
import { MAX_SPREAD_MS, estimateDelay } from '../src/sound/calibration';

/** The track's samples as a microphone would give them, with a little seeded noise. */
function heardSamples(wav: Uint8Array, noise: number, seed = 7): Float32Array {
  const v = new DataView(wav.buffer, wav.byteOffset);
  const n = (wav.length - 44) / 2;
  const out = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out[i] = v.getInt16(44 + i * 2, true) / 32768 + (s / 2147483648 - 0.5) * 2 * noise;
  }
  return out;
}

function detect(samples: Float32Array, startMs: number): number[] {
  const d = new OnsetDetector(CLICK_SAMPLE_RATE);
  for (let at = 0; at < samples.length; at += 4096) {
    d.feed(samples.subarray(at, at + 4096), startMs + (at * 1000) / CLICK_SAMPLE_RATE);
  }
  return d.onsetsMs;
}

describe('click track', () => {
  it('is a mono 16-bit WAV with a click at each position and silence between', () => {
    const wav = clickTrackWav(3);
    const v = new DataView(wav.buffer);
    expect(String.fromCharCode(...wav.slice(0, 4))).toBe('RIFF');
    expect(v.getUint16(22, true)).toBe(1);
    expect(v.getUint32(24, true)).toBe(CLICK_SAMPLE_RATE);
    const samples = heardSamples(wav, 0);
    expect(samples.length).toBe(((clickPositionsMs(3).at(-1)! + 500) / 1000) * CLICK_SAMPLE_RATE);
    for (const at of clickPositionsMs(3)) {
      const i = (at / 1000) * CLICK_SAMPLE_RATE;
      expect(Math.max(...Array.from(samples.subarray(i, i + 20), Math.abs))).toBeGreaterThan(0.5);
      expect(Math.max(...Array.from(samples.subarray(i + 480, i + 0.9 * CLICK_SPACING_MS * 48), Math.abs))).toBe(0);
    }
  });
});

describe('onset detector', () => {
  it('finds each click within a sample, over a noisy room, and nothing else', () => {
    const onsets = detect(heardSamples(clickTrackWav(8), 0.005), 10_000);
    expect(onsets).toHaveLength(8);
    onsets.forEach((t, i) => expect(Math.abs(t - (10_000 + clickPositionsMs(8)[i]!))).toBeLessThan(0.5));
  });

  it('hears no click in noise alone', () => {
    expect(detect(heardSamples(new Uint8Array(44 + 96_000), 0.01), 0)).toEqual([]);
  });
});

describe('estimateDelay', () => {
  const due = clickPositionsMs(8).map((p) => p + 50_000);

  it('is the median of the heard clicks behind their due ones, and tells each click’s difference in order', () => {
    const offsets = [3, -2, 1, 0, -4, 2, 5, -1];
    const heard = due.map((d, i) => d + 200 + offsets[i]!);
    expect(estimateDelay(due, heard.reverse(), 'microphone'))
      .toEqual({ ok: true, delayMs: 201, spreadMs: 4, clicks: 8, differencesMs: offsets.map((o) => 200 + o) });
  });

  it('takes sound ahead of the picture, and each click once (an echo is no second reading)', () => {
    const heard = due.flatMap((d) => [d - 120, d - 120 + 180]);
    const r = estimateDelay(due, heard, 'microphone');
    expect(r).toMatchObject({ ok: true, delayMs: -120, clicks: 8 });
  });

  it('refuses too few clicks, and clicks that disagree', () => {
    expect(estimateDelay(due, due.slice(0, 3).map((d) => d + 150), 'microphone')).toMatchObject({ ok: false, reason: 'too-few', clicks: 3 });
    const scattered = due.map((d, i) => d + 150 + (i % 2 ? 25 : -25));
    expect(estimateDelay(due, scattered, 'microphone')).toMatchObject({ ok: false, reason: 'scattered' });
    // A person's taps may scatter that much and still count.
    expect(estimateDelay(due, scattered, 'taps')).toMatchObject({ ok: true, delayMs: 150 });
    expect(MAX_SPREAD_MS.taps).toBeGreaterThan(MAX_SPREAD_MS.microphone);
  });

  it('ignores what cannot be a click: heard before the least delay or after the most', () => {
    const heard = [...due.map((d) => d + 100), due[0]! - 700, due[7]! + 1_200];
    expect(estimateDelay(due, heard, 'microphone')).toMatchObject({ ok: true, delayMs: 100, clicks: 8 });
  });
});
