import { describe, expect, it } from 'vitest';
import {
  PACE_BURST_BYTES, PACE_MAX_BYTES_PER_S, PACE_MIN_BYTES_PER_S, PACE_START_BYTES_PER_S, SendPacer,
} from '../src/p2p/sendPacer';

const CHUNK = 64 * 1024;
const MiB = 1024 * 1024;

/** Sends chunks back to back for `ms`, waiting as the pacer says; returns the bytes sent. */
function sendFor(p: SendPacer, fromMs: number, ms: number): { bytes: number; at: number } {
  let at = fromMs;
  let bytes = 0;
  while (at < fromMs + ms) {
    at += p.take(CHUNK, at);
    bytes += CHUNK;
  }
  return { bytes, at };
}

/** `n` looks 250 ms apart from `fromMs`, sending back to back between them; `drops(look)` the count at each. */
function looks(p: SendPacer, n: number, drops: (look: number) => number = () => 0, fromMs = 0): number {
  let at = fromMs;
  for (let look = 0; look < n; look++) {
    at = sendFor(p, at, 250).at;
    p.observe(drops(look));
  }
  return at;
}

describe('SendPacer', () => {
  it('lets a burst of four chunks out at once, then holds the start rate', () => {
    const p = new SendPacer();
    expect([0, 0, 0, 0].map(() => p.take(CHUNK, 0))).toEqual([0, 0, 0, 0]);
    expect(p.take(CHUNK, 0)).toBeCloseTo((CHUNK * 1000) / PACE_START_BYTES_PER_S, 6);
    const { bytes } = sendFor(p, 1_000, 2_000);
    expect(bytes / 2).toBeGreaterThan(PACE_START_BYTES_PER_S * 0.95);
    expect(bytes / 2).toBeLessThan(PACE_START_BYTES_PER_S * 1.05 + PACE_BURST_BYTES);
  });

  it('soon holds nothing back on a link that drops nothing', () => {
    const p = new SendPacer();
    const at = looks(p, 20);
    expect(p.bytesPerSecond).toBe(PACE_MAX_BYTES_PER_S);
    expect(sendFor(p, at, 1_000).bytes).toBeGreaterThan(100 * MiB);
  });

  it('does not raise its rate while it holds nothing back (a link standing still, a sender with nothing to send)', () => {
    const p = new SendPacer();
    for (let i = 0; i < 20; i++) p.observe(0);
    expect(p.bytesPerSecond).toBe(PACE_START_BYTES_PER_S);
    p.take(CHUNK, 0); // within the burst: nothing held back
    p.observe(0);
    expect(p.bytesPerSecond).toBe(PACE_START_BYTES_PER_S);
    looks(p, 1, () => 0, 1_000); // held back: the link took it all
    expect(p.bytesPerSecond).toBeCloseTo(PACE_START_BYTES_PER_S * 1.5, 6);
  });

  it('backs off on each new drop, not on drops already counted, and never below a film bitrate', () => {
    const p = new SendPacer();
    let at = looks(p, 1);
    const before = p.bytesPerSecond;
    at = looks(p, 1, () => 12, at);
    expect(p.bytesPerSecond).toBeCloseTo(before * 0.6, 6);
    const cut = p.bytesPerSecond;
    at = looks(p, 1, () => 12, at);
    expect(p.bytesPerSecond).toBeGreaterThan(cut);
    expect(p.bytesPerSecond).toBeLessThan(cut * 1.2); // gently, once drops were seen
    looks(p, 47, (look) => 13 + look, at);
    expect(p.bytesPerSecond).toBe(PACE_MIN_BYTES_PER_S);
  });

  it('settles near what a link can take without drops (one that drops above 9 MiB/s)', () => {
    const p = new SendPacer();
    let dropped = 0;
    const rates: number[] = [];
    let at = 0;
    for (let look = 0; look < 200; look++) {
      at = sendFor(p, at, 250).at;
      if (p.bytesPerSecond > 9 * MiB) dropped += 5;
      p.observe(dropped);
      if (look >= 100) rates.push(p.bytesPerSecond);
    }
    const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
    expect(mean).toBeGreaterThan(6 * MiB);
    expect(Math.max(...rates)).toBeLessThan(11 * MiB);
  });

  it('drops looked at while it is not in use are counted, not followed: the film starts at the rate it had', () => {
    const p = new SendPacer();
    const at = looks(p, 2);
    const before = p.bytesPerSecond;
    for (let n = 1; n <= 10; n++) p.overlook(n * 50); // a paused transfer, unpaced, dropping as it goes
    expect(p.bytesPerSecond).toBe(before);
    looks(p, 1, () => 500, at); // playing again: the drops of the pause are not new
    expect(p.bytesPerSecond).toBeGreaterThan(before);
  });

  it('keeps under a ceiling however fast the link would let it go, and follows the link again without one', () => {
    const p = new SendPacer();
    const at = looks(p, 20);
    p.limitTo(2 * MiB);
    expect(p.bytesPerSecond).toBe(2 * MiB);
    const limited = sendFor(p, at, 2_000).bytes / 2;
    expect(limited).toBeLessThan(2 * MiB * 1.05 + PACE_BURST_BYTES);
    expect(limited).toBeGreaterThan(2 * MiB * 0.95);
    p.limitTo(0);
    expect(p.bytesPerSecond).toBe(PACE_MAX_BYTES_PER_S);
  });
});
