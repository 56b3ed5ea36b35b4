import { describe, expect, it } from 'vitest';
import { FilmTime, MAX_AD_BREAKS, parseAdBreaks } from '../src/shared/adBreaks';

// A 60 s film with a 6 s ad at 20 s of film and a 4 s one at 40 s of film: media 0-20 film, 20-26 ad, 26-46 film
// (20-40), 46-50 ad, 50-70 film (40-60).
const twoBreaks = new FilmTime([{ startMs: 20_000, durationMs: 6_000 }, { startMs: 46_000, durationMs: 4_000 }]);

describe('FilmTime', () => {
  it.each([
    [0, 0], [19_999, 19_999], [20_000, 20_000], [23_000, 20_000], [26_000, 20_000], [30_000, 24_000],
    [45_999, 39_999], [46_000, 40_000], [49_999, 40_000], [50_000, 40_000], [70_000, 60_000],
  ])('reads media %d ms as film %d ms', (media, film) => {
    expect(twoBreaks.filmOf(media)).toBe(film);
  });

  it.each([
    [0, 0], [19_999, 19_999], [20_000, 20_000], [20_001, 26_001], [39_999, 45_999], [40_000, 46_000],
    [40_001, 50_001], [60_000, 70_000],
  ])('seeks film %d ms at media %d ms: after a break, except at its very start', (film, media) => {
    expect(twoBreaks.mediaOf(film)).toBe(media);
  });

  it('maps every film position there and back', () => {
    for (let film = 0; film <= 60_000; film += 250) {
      expect(twoBreaks.filmOf(twoBreaks.mediaOf(film))).toBe(film);
    }
  });

  it('knows the breaks, end excluded', () => {
    expect(twoBreaks.inBreak(19_999)).toBe(false);
    expect(twoBreaks.inBreak(20_000)).toBe(true);
    expect(twoBreaks.inBreak(25_999)).toBe(true);
    expect(twoBreaks.inBreak(26_000)).toBe(false);
    expect(FilmTime.NONE.inBreak(20_000)).toBe(false);
    expect(FilmTime.NONE.filmOf(12_345)).toBe(12_345);
    expect(FilmTime.NONE.mediaOf(12_345)).toBe(12_345);
  });

  it('tells the same breaks from others', () => {
    expect(twoBreaks.sameAs(new FilmTime([{ startMs: 46_000, durationMs: 4_000 }, { startMs: 20_000, durationMs: 6_000 }]))).toBe(true);
    expect(twoBreaks.sameAs(new FilmTime([{ startMs: 20_000, durationMs: 6_000 }]))).toBe(false);
    expect(FilmTime.NONE.sameAs(new FilmTime([]))).toBe(true);
  });
});

describe('parseAdBreaks', () => {
  it('sorts the breaks, merges overlapping ones and drops markers shorter than a tenth of a second', () => {
    expect(parseAdBreaks([
      { startMs: 46_000, durationMs: 4_000 }, { startMs: 20_000, durationMs: 6_000 }, { startMs: 24_000, durationMs: 4_000 },
      { startMs: 5_000, durationMs: 50 },
    ])).toEqual([{ startMs: 20_000, durationMs: 8_000 }, { startMs: 46_000, durationMs: 4_000 }]);
  });

  it('refuses what is not a list of finite, non-negative breaks, and lists too long', () => {
    expect(parseAdBreaks('20000')).toBeUndefined();
    expect(parseAdBreaks([{ startMs: -1, durationMs: 6_000 }])).toBeUndefined();
    expect(parseAdBreaks([{ startMs: 0, durationMs: Number.POSITIVE_INFINITY }])).toBeUndefined();
    expect(parseAdBreaks([{ startMs: '0', durationMs: 6_000 }])).toBeUndefined();
    expect(parseAdBreaks([null])).toBeUndefined();
    const many = Array.from({ length: MAX_AD_BREAKS + 1 }, (_, i) => ({ startMs: i * 10_000, durationMs: 1_000 }));
    expect(parseAdBreaks(many)).toBeUndefined();
    expect(parseAdBreaks(many.slice(1))).toHaveLength(MAX_AD_BREAKS);
  });
});
