import { describe, expect, it } from 'vitest';
import { chooseMainVideo, MIN_AREA } from '../src/content/mainVideo';

const big = 1280 * 720;

describe('chooseMainVideo', () => {
  it('picks the largest playing video over a larger paused one', () => {
    expect(chooseMainVideo([
      { area: big * 2, playing: false, hasSource: true },
      { area: big, playing: true, hasSource: true },
      { area: big / 2, playing: true, hasSource: true },
    ])).toBe(1);
  });

  it('picks the largest video with a source when none plays', () => {
    expect(chooseMainVideo([
      { area: big, playing: false, hasSource: true },
      { area: big * 3, playing: false, hasSource: false },
      { area: big * 2, playing: false, hasSource: true },
    ])).toBe(2);
  });

  it('never picks a thumbnail-sized preview, even playing', () => {
    expect(chooseMainVideo([{ area: MIN_AREA - 1, playing: true, hasSource: true }])).toBe(-1);
  });

  it('finds nothing on a page without videos', () => {
    expect(chooseMainVideo([])).toBe(-1);
  });
});
