import type { MediaEventKind, Player, PlayerView } from './playerView';
import { StepDetector } from './stepDetector';
import { StepClock } from './stepClock';
import { cannotSeek } from './seekable';

/** HAVE_METADATA: below it a new source is still loading; a seek now would only be remembered. */
const HAVE_METADATA = 1;
/** HAVE_FUTURE_DATA: below it a playing video may be stalled for data (see {@link HtmlVideoPlayer.view}). */
const HAVE_FUTURE_DATA = 3;
/**
 * A playing video whose clock has not moved for this long is still. WebKit moves currentTime every 19 ms at the
 * longest (WebKitGTK 2.50, 2 s read every 2 ms, 2026-11-27), Chromium every 11 ms.
 */
export const STILL_MS = 50;
/**
 * How long a stall is left to the player. One that has not ended it by then is the controller's again: a room that
 * paused pauses it, a room that went on without it seeks it to where the room is, and the seek restarts a player
 * stuck by itself. dash.js once stood at the start of the period after an ad, not paused, short of data, while the
 * room waited for it, gave up and played the film to its end (a CI run, 2026-11-28): busy all along, it was never
 * asked to pause or seek. A link that is only slow ends its stall by itself well inside this.
 */
export const STALL_LEFT_ALONE_MS = 3_000;
/** Ranges are in seconds and may start a frame after the position (a keyframe): that much counts as in range. */
const BUFFERED_GAP_S = 0.05;
const EVENTS: MediaEventKind[] = ['play', 'pause', 'seeked', 'ratechange', 'waiting', 'playing', 'canplay'];

/**
 * Schedules a reading of a frame-stepping video between two of the engine's: its 20 ms readings fall on a 25 fps film's
 * 40 ms frames at the same two phases for ever, and the step clock then stays up to 10 ms off; one reading more at a
 * random instant between them lets the clock see every phase within a second.
 */
export type ReadBetween = (read: () => void) => void;
const readBetween: ReadBetween = (read) => {
  setTimeout(read, 1 + Math.random() * 18);
};

/** The page's <video> as the engine's {@link Player}. */
export class HtmlVideoPlayer implements Player {
  private lastPositionMs = NaN;
  private movedAtMs = -Infinity;
  /** Since when the playing video has been short of data (undefined: it is not). */
  private shortSinceMs: number | undefined;
  private readonly clock = new StepClock();
  private readonly steps = new StepDetector();
  private readingBetween = false;

  constructor(private readonly video: HTMLVideoElement, private readonly now: () => number,
    private readonly between: ReadBetween = readBetween) {}

  /**
   * Busy (the controller leaves it alone) while seeking, loading, or stalled for data (for STALL_LEFT_ALONE_MS at
   * most). A stall is a playing video short of data whose clock stands still: WebKit (GStreamer) plays on for the
   * whole film at HAVE_CURRENT_DATA, and taking readyState alone for a stall froze the controller there, with the
   * last nudge's rate running the viewer seconds ahead of the room while the panel showed the drift of its last step.
   */
  view(): PlayerView {
    const v = this.video;
    const currentMs = v.currentTime * 1000;
    const localTimeMs = this.now();
    const moved = currentMs !== this.lastPositionMs;
    // Only readings with data in hand: a stall's still clock says nothing of how the clock moves.
    if (this.readable()) {
      this.steps.reading(!moved);
      this.clock.reading(currentMs, localTimeMs, v.playbackRate);
      if (this.steps.stepping && !this.readingBetween) {
        this.readingBetween = true;
        this.between(() => {
          this.readingBetween = false;
          if (this.readable()) this.clock.reading(v.currentTime * 1000, this.now(), v.playbackRate);
        });
      }
    } else {
      this.clock.reset();
    }
    if (moved) {
      this.lastPositionMs = currentMs;
      this.movedAtMs = localTimeMs;
    }
    const short = !v.paused && v.readyState < HAVE_FUTURE_DATA;
    if (!short) this.shortSinceMs = undefined;
    const shortForMs = short ? localTimeMs - (this.shortSinceMs ??= localTimeMs) : 0;
    const starved = short && localTimeMs - this.movedAtMs >= STILL_MS && shortForMs < STALL_LEFT_ALONE_MS;
    const busy = v.seeking || v.readyState < HAVE_METADATA || starved;
    // A video whose currentTime steps frame by frame is read from its steps (StepClock), once they tell.
    const stepped = v.paused || busy || !this.steps.stepping ? undefined : this.clock.positionAt(localTimeMs, v.playbackRate);
    const positionMs = stepped ?? currentMs;
    return {
      paused: v.paused,
      busy,
      positionMs,
      rate: v.playbackRate,
      localTimeMs,
    };
  }

  /** Playing with data in hand: its clock moves as the film plays. */
  private readable(): boolean {
    const v = this.video;
    return !v.paused && !v.seeking && v.readyState >= HAVE_FUTURE_DATA;
  }

  play(): Promise<void> {
    return this.video.play();
  }

  pause(): void {
    this.video.pause();
  }

  seek(positionMs: number): void {
    this.video.currentTime = positionMs / 1000;
  }

  setRate(rate: number): void {
    this.video.playbackRate = rate;
    this.clock.rateSet(this.now(), rate);
  }

  atEnd(): boolean {
    return this.video.ended;
  }

  cannotSeek(): boolean {
    return cannotSeek(this.video.duration, this.video.seekable);
  }

  /**
   * How much of the video is in hand ahead of where it plays. None while seeking: a seek whose target is inside a buffered
   * range may still wait for the network (Chromium reads the file again to land it), and on a dead link it never lands. Counted from the
   * target, a page stuck seeking called itself ready, and the room played on with it standing there (a CI run,
   * 2026-11-29: seeking at 0.25 s for 15 s, never to report buffering again).
   */
  bufferedAheadMs(): number {
    const v = this.video;
    if (v.seeking) return 0;
    const at = v.currentTime;
    for (let i = 0; i < v.buffered.length; i++) {
      if (v.buffered.start(i) > at + BUFFERED_GAP_S || v.buffered.end(i) < at) continue;
      // The rest of the video is here (a range ends within a frame of the end): nothing more to wait for.
      if (Number.isFinite(v.duration) && v.buffered.end(i) >= v.duration - BUFFERED_GAP_S) return Infinity;
      return (v.buffered.end(i) - at) * 1000;
    }
    return 0;
  }

  /** Forwards the media events the engine needs, stamped with the local time they happened. */
  listen(handler: (kind: MediaEventKind, atMs: number, positionMs: number, rate: number, paused: boolean) => void): void {
    for (const kind of EVENTS) {
      this.video.addEventListener(kind, () =>
        handler(kind, this.now(), this.video.currentTime * 1000, this.video.playbackRate, this.video.paused));
    }
  }
}
