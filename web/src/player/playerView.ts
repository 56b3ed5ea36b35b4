/**
 * The seam between a media player and the engine that keeps it on the room's timeline: what the
 * engine reads of a player, what it asks of one, and what a player reports. Depends on nothing, so
 * the engine (engine/), the page's player (player/, ui/) and the extension's site players meet here
 * instead of importing each other.
 */

/**
 * A reading of the player at one instant; localTimeMs on the local clock. The twin of core's PlayerView.java,
 * whose `seeking` is this `busy`.
 */
export interface PlayerView {
  readonly paused: boolean;
  /** True while the player cannot play: seeking, or stalled for data. */
  readonly busy: boolean;
  readonly positionMs: number;
  readonly rate: number;
  readonly localTimeMs: number;
}

/** What the controller asks the player to do. Applying these must never produce an intent. */
export type PlayerCommand =
  | { readonly kind: 'pause' }
  | { readonly kind: 'play' }
  | { readonly kind: 'playAt'; readonly serverTimeMs: number }
  | { readonly kind: 'seek'; readonly positionMs: number }
  | { readonly kind: 'rate'; readonly rate: number };

/** A media player the engine drives: the page's <video>, a site's own player, or a fake in tests. */
export interface Player {
  view(): PlayerView;
  /** Rejects when the browser refuses to start playback (autoplay policy). */
  play(): Promise<void>;
  pause(): void;
  seek(positionMs: number): void;
  setRate(rate: number): void;
  /** Whether the player stands at the end of its video (optional: fakes need not know). */
  atEnd?(): boolean;
  /**
   * How much of the video is in hand ahead of the position, in ms; Infinity when the rest of it is
   * (optional: a player that cannot tell leaves it out, and is ready again as soon as it can play).
   */
  bufferedAheadMs?(): number;
  /**
   * Whether the loaded video cannot be sought at all (a file from a server that ignores byte ranges): its landings, at
   * the start whatever was asked, say nothing of where anyone wanted to be (optional: a player that can always seek).
   */
  cannotSeek?(): boolean;
}

/** Player events, with the same meaning as the HTML media events they come from. */
export type PlayerEventKind = 'play' | 'pause' | 'seeked' | 'ratechange';

/** Everything a player reports, as HTML media events. */
export type MediaEventKind = PlayerEventKind | 'waiting' | 'playing' | 'canplay';
