/**
 * The calibration's sound: a WAV of short clicks at known positions, played through a media element
 * as the film is, so the delay measured is the one the film's sound has. A click is 4 ms of a 2 kHz
 * tone with a fast decay: sharp enough to time to the millisecond, easy on the ears.
 */
export const CLICK_SAMPLE_RATE = 48_000;
/** Clicks 1.5 s apart: further than any delay we measure, so each heard click has one click it can be. */
export const CLICK_SPACING_MS = 1_500;
const CLICK_MS = 4;
const TONE_HZ = 2_000;

/** Where each click starts in the track, in ms: the first after a second of silence (players start unevenly). */
export function clickPositionsMs(clicks: number): number[] {
  return Array.from({ length: clicks }, (_, i) => 1_000 + i * CLICK_SPACING_MS);
}

/** A mono 16-bit PCM WAV file with `clicks` clicks and half a second of silence after the last. */
export function clickTrackWav(clicks: number): Uint8Array {
  const positions = clickPositionsMs(clicks);
  const lengthMs = (positions.at(-1) ?? 0) + 500;
  const samples = Math.round((lengthMs / 1000) * CLICK_SAMPLE_RATE);
  const pcm = new Int16Array(samples);
  const clickSamples = Math.round((CLICK_MS / 1000) * CLICK_SAMPLE_RATE);
  for (const at of positions) {
    const start = Math.round((at / 1000) * CLICK_SAMPLE_RATE);
    for (let i = 0; i < clickSamples && start + i < samples; i++) {
      const decay = Math.exp(-i / (clickSamples / 4));
      pcm[start + i] = Math.round(0.8 * 32767 * decay * Math.sin((2 * Math.PI * TONE_HZ * i) / CLICK_SAMPLE_RATE));
    }
  }
  return wav(pcm, CLICK_SAMPLE_RATE);
}

function wav(pcm: Int16Array, sampleRate: number): Uint8Array {
  const out = new Uint8Array(44 + pcm.length * 2);
  const v = new DataView(out.buffer);
  const text = (at: number, s: string) => [...s].forEach((c, i) => v.setUint8(at + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  v.setUint32(4, 36 + pcm.length * 2, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  v.setUint32(16, 16, true); // PCM header size
  v.setUint16(20, 1, true); // PCM
  v.setUint16(22, 1, true); // mono
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * 2, true); // bytes per second
  v.setUint16(32, 2, true); // bytes per frame
  v.setUint16(34, 16, true); // bits per sample
  text(36, 'data');
  v.setUint32(40, pcm.length * 2, true);
  pcm.forEach((s, i) => v.setInt16(44 + i * 2, s, true));
  return out;
}
