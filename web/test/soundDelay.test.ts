import { describe, expect, it } from 'vitest';
import { boundedSoundDelay, heardMs, heardView, pictureMs } from '../src/engine/soundDelay';
import file from '../../core/src/test/resources/sync/sound-delay-vectors.json';

/** The shared sound-delay vectors (core SoundDelayVectorsTest runs the same file on the Java rule). */
interface Bounded {
  readonly name: string;
  readonly requestedMs: number | string;
  readonly delayMs: number;
}
interface Positions {
  readonly name: string;
  readonly delayMs: number;
  readonly pictureMs: number;
  readonly heardMs: number;
  readonly heardTargetMs: number;
  readonly pictureTargetMs: number;
}

describe('sound delay (shared vectors)', () => {
  const vectors = file as { bounded: Bounded[]; positions: Positions[] };
  it('has cases', () => expect(vectors.bounded.length + vectors.positions.length).toBeGreaterThan(10));
  for (const c of vectors.bounded) {
    it(`bounded: ${c.name}`, () => expect(boundedSoundDelay(Number(c.requestedMs))).toBe(c.delayMs));
  }
  for (const c of vectors.positions) {
    it(`positions: ${c.name}`, () => {
      expect(heardMs(c.pictureMs, c.delayMs)).toBe(c.heardMs);
      expect(pictureMs(c.heardTargetMs, c.delayMs)).toBe(c.pictureTargetMs);
    });
  }
  it('reads a view as heard, keeping the rest', () => {
    const view = { paused: false, busy: true, positionMs: 10_000, rate: 1.02, localTimeMs: 123 };
    expect(heardView(view, 180)).toEqual({ ...view, positionMs: 9_820 });
    expect(heardView(view, 0)).toBe(view);
  });
});
