import { describe, expect, it } from 'vitest';
import { DUCKING, nextGain, videoVolume } from '../src/voice/ducking';

/** The gain after `ms` in steps of 25 ms from `gain`. */
function run(gain: number, speaks: boolean, enabled: boolean, ms: number): number {
  for (let t = 0; t < ms; t += 25) gain = nextGain(gain, speaks, enabled, 25);
  return gain;
}

describe('nextGain', () => {
  it('glides down to the ducked gain in downMs while someone speaks', () => {
    expect(run(1, true, true, DUCKING.downMs / 2)).toBeCloseTo(1 - (1 - DUCKING.gain) / 2, 6);
    expect(run(1, true, true, DUCKING.downMs)).toBeCloseTo(DUCKING.gain, 6);
    expect(run(1, true, true, 5_000)).toBe(DUCKING.gain);
  });

  it('comes back up to full volume in upMs once nobody speaks, slower than it went down', () => {
    expect(DUCKING.upMs).toBeGreaterThan(DUCKING.downMs);
    expect(run(DUCKING.gain, false, true, DUCKING.upMs / 2)).toBeCloseTo((1 + DUCKING.gain) / 2, 6);
    expect(run(DUCKING.gain, false, true, DUCKING.upMs)).toBeCloseTo(1, 6);
    expect(run(DUCKING.gain, false, true, 5_000)).toBe(1);
  });

  it('leaves the film alone when the viewer turned ducking off, and lifts a ducked film back up', () => {
    expect(run(1, true, false, 5_000)).toBe(1);
    expect(run(DUCKING.gain, true, false, DUCKING.upMs)).toBeCloseTo(1, 6);
  });

  it('does not move on a step of no time or a clock that went back', () => {
    expect(nextGain(0.6, true, true, 0)).toBe(0.6);
    expect(nextGain(0.6, false, true, -40)).toBe(0.6);
  });
});

describe('videoVolume', () => {
  it('is the viewer\'s volume times the gain, within the element\'s range', () => {
    expect(videoVolume(0.8, DUCKING.gain)).toBeCloseTo(0.8 * DUCKING.gain, 6);
    expect(videoVolume(0.8, 1)).toBe(0.8);
    expect(videoVolume(1.2, 1)).toBe(1);
    expect(videoVolume(-0.1, 1)).toBe(0);
  });
});
