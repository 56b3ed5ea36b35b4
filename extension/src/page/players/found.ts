import type { PlayerOp } from '../../shared/bridge';

/**
 * Finding a streaming player's object in a page: sites build their player from a library (Shaka Player, dash.js,
 * hls.js, video.js) and most keep it in a global of their own. The libraries themselves keep no list of their
 * players, except video.js. Runs in the page's world.
 */

/** Anything the page holds, read defensively: a site's globals are not ours, and getters may throw. */
export type Loose = Record<string, unknown>;

export function loose(value: unknown): Loose | undefined {
  return (typeof value === 'object' || typeof value === 'function') && value !== null ? (value as Loose) : undefined;
}

/** Calls a method of a site's object; undefined when it is not there or throws. */
export function call(target: Loose | undefined, method: string, ...args: unknown[]): unknown {
  const f = target?.[method];
  if (typeof f !== 'function') return undefined;
  try {
    return (f as (...a: unknown[]) => unknown).apply(target, args);
  } catch {
    return undefined;
  }
}

/** How many of the window's own properties are looked at: a page with more globals than this is searched in part. */
const MAX_GLOBALS = 5_000;
/** A player found is looked for again after this long, in case the site made another. */
const REFIND_MS = 2_000;

/**
 * The first global of the page that {@code isPlayer} takes whose media element is in the page, remembered for a
 * while: the adapters ask at every command and every few hundred ms.
 */
export class GlobalPlayer {
  private found: Loose | undefined;
  private foundAtMs = -Infinity;

  constructor(
    private readonly isPlayer: (win: Window, candidate: Loose) => boolean,
    private readonly mediaOf: (player: Loose) => HTMLMediaElement | undefined,
  ) {}

  get(win: Window): Loose | undefined {
    const now = Date.now();
    if (this.found && now - this.foundAtMs < REFIND_MS && this.mediaOf(this.found)?.isConnected) return this.found;
    this.found = this.search(win);
    this.foundAtMs = now;
    return this.found;
  }

  media(win: Window): HTMLMediaElement | undefined {
    const p = this.get(win);
    return p ? this.mediaOf(p) : undefined;
  }

  private search(win: Window): Loose | undefined {
    const names = Object.keys(win);
    for (let i = 0; i < names.length && i < MAX_GLOBALS; i++) {
      let value: unknown;
      try {
        value = (win as unknown as Loose)[names[i]!];
      } catch {
        continue; // a getter of the site's that throws
      }
      const candidate = loose(value);
      if (!candidate || (candidate as unknown) === win || !this.isPlayer(win, candidate)) continue;
      if (this.mediaOf(candidate)?.isConnected) return candidate;
    }
    return undefined;
  }
}

/** Resolves when the element has finished the seek just asked of it (the segments fetched and appended). */
export function seeked(media: HTMLMediaElement): Promise<void> {
  if (!media.seeking) return Promise.resolve();
  return new Promise((resolve) => media.addEventListener('seeked', () => resolve(), { once: true }));
}

/**
 * A command on the element itself, for players that follow what is done to it (Shaka Player, hls.js). A refused
 * play keeps its name (NotAllowedError: the person must click first); a seek is answered once it is done.
 */
export async function runOnElement(media: HTMLMediaElement | undefined, op: PlayerOp, value: number): Promise<void> {
  if (!media) throw Object.assign(new Error('no player'), { name: 'NoPlayer' });
  switch (op) {
    case 'play':
      return media.play();
    case 'pause':
      return media.pause();
    case 'seek':
      media.currentTime = value / 1000;
      return seeked(media);
    case 'rate':
      media.playbackRate = value;
      return;
  }
}
