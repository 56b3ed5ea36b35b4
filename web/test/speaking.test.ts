import { describe, expect, it } from 'vitest';
import { rmsDb, SPEAKING, SpeakingDetector } from '../src/voice/speaking';

/** Feeds `level` every 50 ms from `from` (inclusive) to `to` (exclusive); the answers, in order. */
function feed(d: SpeakingDetector, level: number, from: number, to: number): boolean[] {
  const out: boolean[] = [];
  for (let at = from; at < to; at += 50) out.push(d.sample(level, at));
  return out;
}

const VOICE = -25;
const QUIET = -70;
const BETWEEN = (SPEAKING.onDb + SPEAKING.offDb) / 2;

describe('rmsDb', () => {
  it('measures a full-scale square wave at 0 dBFS and half its amplitude at about -6 dBFS', () => {
    expect(rmsDb([1, -1, 1, -1])).toBeCloseTo(0, 6);
    expect(rmsDb([0.5, -0.5, 0.5, -0.5])).toBeCloseTo(-6.02, 2);
  });

  it('measures a sine of amplitude 1 at -3 dBFS (its RMS is 1/sqrt 2)', () => {
    const sine = Array.from({ length: 1000 }, (_, i) => Math.sin((2 * Math.PI * i) / 100));
    expect(rmsDb(sine)).toBeCloseTo(-3.01, 2);
  });

  it('gives digital silence and no samples a finite floor, not -Infinity', () => {
    expect(rmsDb([0, 0, 0])).toBe(-100);
    expect(rmsDb([])).toBe(-100);
  });
});

describe('SpeakingDetector', () => {
  it('starts speaking only once a voice lasted the attack time', () => {
    const d = new SpeakingDetector();
    const answers = feed(d, VOICE, 0, 300);
    const firstOn = answers.indexOf(true) * 50;
    expect(firstOn).toBe(Math.ceil(SPEAKING.attackMs / 50) * 50);
  });

  it('ignores a click shorter than the attack time', () => {
    const d = new SpeakingDetector();
    feed(d, VOICE, 0, 100);
    expect(feed(d, QUIET, 100, 1000)).not.toContain(true);
  });

  it('keeps speaking through pauses between words shorter than the release time', () => {
    const d = new SpeakingDetector();
    feed(d, VOICE, 0, 500);
    expect(feed(d, QUIET, 500, 500 + SPEAKING.releaseMs - 100)).not.toContain(false);
    expect(feed(d, VOICE, 500 + SPEAKING.releaseMs - 100, 2000)).not.toContain(false);
  });

  it('stops once silence lasted the release time', () => {
    const d = new SpeakingDetector();
    feed(d, VOICE, 0, 500);
    const answers = feed(d, QUIET, 500, 2000);
    expect(answers.indexOf(false) * 50).toBe(SPEAKING.releaseMs);
  });

  it('holds its state while the level stays between the two thresholds (hysteresis)', () => {
    const quiet = new SpeakingDetector();
    expect(feed(quiet, BETWEEN, 0, 3000)).not.toContain(true);
    const talking = new SpeakingDetector();
    feed(talking, VOICE, 0, 500);
    expect(feed(talking, BETWEEN, 500, 3000)).not.toContain(false);
  });

  it('does not flicker on a level wavering across one threshold only', () => {
    const d = new SpeakingDetector();
    feed(d, VOICE, 0, 500);
    const answers: boolean[] = [];
    for (let at = 500; at < 3000; at += 50) answers.push(d.sample(at % 100 === 0 ? SPEAKING.onDb + 1 : SPEAKING.onDb - 3, at));
    expect(answers).not.toContain(false);
  });

  it('is silent at once after a reset', () => {
    const d = new SpeakingDetector();
    feed(d, VOICE, 0, 500);
    d.reset();
    expect(d.speaking).toBe(false);
    expect(d.sample(VOICE, 550)).toBe(false);
  });
});
