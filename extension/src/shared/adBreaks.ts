/**
 * Ads spliced into a stream (a DASH period, an HLS stretch between discontinuities) move the media clock: the
 * `<video>` counts the ad's seconds, the film does not. The room's timeline is the film's, so a player with ad breaks
 * is read and sought in film time: a media position after a break is that much later than its film position. Pure.
 */

/** A stretch of the media timeline that is an ad, in ms of media time. */
export interface AdBreak {
  readonly startMs: number;
  readonly durationMs: number;
}

/** The most breaks a page may announce (a film has a few; a page that sends thousands gains nothing). */
export const MAX_AD_BREAKS = 200;
/** Breaks shorter than this are markers, not ads: they would only make the film time stutter. */
const MIN_BREAK_MS = 100;

/**
 * The breaks of a message from the page, checked: finite, not negative, sorted by start, overlapping ones merged;
 * undefined when the value is not a list of breaks at all or is longer than {@link MAX_AD_BREAKS}.
 */
export function parseAdBreaks(value: unknown): AdBreak[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_AD_BREAKS) return undefined;
  const breaks: AdBreak[] = [];
  for (const v of value) {
    const b = v as { startMs?: unknown; durationMs?: unknown } | null;
    if (typeof b !== 'object' || b === null) return undefined;
    const { startMs, durationMs } = b;
    if (typeof startMs !== 'number' || typeof durationMs !== 'number') return undefined;
    if (!Number.isFinite(startMs) || !Number.isFinite(durationMs) || startMs < 0 || durationMs < 0) return undefined;
    if (durationMs >= MIN_BREAK_MS) breaks.push({ startMs, durationMs });
  }
  return merged(breaks);
}

function merged(breaks: AdBreak[]): AdBreak[] {
  const sorted = [...breaks].sort((a, b) => a.startMs - b.startMs);
  const out: AdBreak[] = [];
  for (const b of sorted) {
    const last = out[out.length - 1];
    if (last && b.startMs <= last.startMs + last.durationMs) {
      const end = Math.max(last.startMs + last.durationMs, b.startMs + b.durationMs);
      out[out.length - 1] = { startMs: last.startMs, durationMs: end - last.startMs };
    } else {
      out.push(b);
    }
  }
  return out;
}

/** The film's time against the media's, for one stream's breaks. */
export class FilmTime {
  static readonly NONE = new FilmTime([]);

  private readonly breaks: readonly AdBreak[];

  /** {@code breaks}: as {@link parseAdBreaks} returns them (sorted, apart). */
  constructor(breaks: readonly AdBreak[]) {
    this.breaks = merged([...breaks]);
  }

  get hasBreaks(): boolean {
    return this.breaks.length > 0;
  }

  /** The film position shown at a media position; inside a break, the film stands where the break began. */
  filmOf(mediaMs: number): number {
    let before = 0;
    for (const b of this.breaks) {
      if (mediaMs < b.startMs) break;
      if (mediaMs < b.startMs + b.durationMs) return b.startMs - before;
      before += b.durationMs;
    }
    return mediaMs - before;
  }

  /**
   * The media position that shows a film position. A film position where a break stands is shown after the break
   * when sought (the room moves on at its own pace; the ad is each viewer's own) except at the very start of the
   * break, which playing through reaches.
   */
  mediaOf(filmMs: number): number {
    let media = filmMs;
    for (const b of this.breaks) {
      const breakFilmMs = b.startMs - (media - filmMs);
      if (filmMs <= breakFilmMs) break;
      media += b.durationMs;
    }
    return media;
  }

  /** Whether a media position is inside an ad break. */
  inBreak(mediaMs: number): boolean {
    return this.breaks.some((b) => mediaMs >= b.startMs && mediaMs < b.startMs + b.durationMs);
  }

  /** Whether another mapping has the same breaks (a page announces its breaks again and again). */
  sameAs(other: FilmTime): boolean {
    return this.breaks.length === other.breaks.length
      && this.breaks.every((b, i) => b.startMs === other.breaks[i]!.startMs && b.durationMs === other.breaks[i]!.durationMs);
  }
}
