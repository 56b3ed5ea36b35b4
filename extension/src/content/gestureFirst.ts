import type { Player, PlayerView } from '../../../web/src/player/playerView';

/** A real play or pause event that follows one already reported here is dropped this long. */
const SWALLOW_MS = 1_000;
/**
 * After the engine's own play or pause, the video may take this long to change state (a site
 * adapter is driven by messages): a difference until then is the command under way, not a gesture.
 */
const COMMAND_SETTLE_MS = 500;

/** A position this far from where the video should be, with no seek seen, is a seek that happened between two readings. */
const JUMP_MS = 1_000;
/** The engine's seek is taken to have ended (its seeked event lost) after this long, as the engine's echo guard does. */
const OWN_SEEK_MS = 2_000;

export type Gesture = 'play' | 'pause' | 'seeked';

/** What the wrapper reads of the element besides the engine's view. */
export interface ElementState {
  /** In the page and settled (see the constructor). */
  readonly attached: boolean;
  readonly seeking: boolean;
}

/**
 * Puts a person's play or pause on the site's own controls ahead of the sync engine. The engine
 * steps every 20 ms and the browser fires `play`/`pause` in a later task, so a step can see a
 * video started by the person before the event says so, and would undo it as drift. This wrapper
 * knows which state the video was last put in (by the engine or by an event it saw); when the
 * engine reads the video (the start of each step) and finds it in the other state, the person's
 * gesture is reported first, so the engine holds what the person did instead of fighting it, and
 * the event that arrives afterwards is not reported twice.
 */
export class GestureFirstPlayer implements Player {
  private knownPaused: boolean;
  private commandUntil = -Infinity;
  private readonly swallowUntil: Record<Gesture, number> = { play: -Infinity, pause: -Infinity, seeked: -Infinity };
  /** Seeks the engine asked for whose seeked event has not come yet, and until when they count. */
  private ownSeeks = 0;
  private ownSeeksUntil = -Infinity;
  /** A seek nobody here asked for is under way (the person dragged the site's seek bar). */
  private foreignSeek = false;
  private last: PlayerView | undefined;
  /** Where gestures found here go (PlayerSync.onEvent). */
  onGesture: ((kind: Gesture, atMs: number, positionMs: number, rate: number, paused: boolean) => void) | undefined;

  /**
   * @param attached whether the video is in the page and settled: a site that throws its element away
   *   (an ad break, the next episode) leaves it paused by the browser, and a new element is set up by
   *   the site (position restored, autoplay); neither is anyone's gesture. Meanwhile it reads as busy,
   *   so the engine leaves it alone.
   */
  constructor(private readonly inner: Player, private readonly now: () => number,
    private readonly element: () => ElementState = () => ({ attached: true, seeking: false })) {
    this.knownPaused = inner.view().paused;
  }

  view(): PlayerView {
    const v = this.inner.view();
    const el = this.element();
    const last = this.last;
    this.last = v;
    if (!el.attached) {
      this.knownPaused = v.paused; // whatever the site does meanwhile is where its gestures start from
      this.foreignSeek = false;
      return { ...v, busy: true };
    }
    if (v.localTimeMs > this.ownSeeksUntil) this.ownSeeks = 0;
    this.findSeek(v, el.seeking, last);
    if (v.paused === this.knownPaused) {
      this.commandUntil = -Infinity;
    } else if (v.localTimeMs > this.commandUntil) {
      const kind: Gesture = v.paused ? 'pause' : 'play';
      this.knownPaused = v.paused;
      this.swallowUntil[kind] = v.localTimeMs + SWALLOW_MS;
      this.onGesture?.(kind, v.localTimeMs, v.positionMs, v.rate, v.paused);
    }
    return v;
  }

  atEnd(): boolean {
    return this.inner.atEnd?.() ?? false;
  }

  bufferedAheadMs(): number {
    return this.inner.bufferedAheadMs?.() ?? Infinity;
  }

  play(): Promise<void> {
    this.commanded(false);
    return this.inner.play().catch((e: unknown) => {
      this.knownPaused = true; // refused (autoplay): it stays paused, by no one's gesture
      throw e;
    });
  }

  pause(): void {
    this.commanded(true);
    this.inner.pause();
  }

  seek(positionMs: number): void {
    this.ownSeeks++;
    this.ownSeeksUntil = this.now() + OWN_SEEK_MS;
    this.inner.seek(positionMs);
  }

  setRate(rate: number): void {
    this.inner.setRate(rate);
  }

  /**
   * Every media event passes here first: false when it must not reach the engine (a play or pause
   * already reported). Play and pause events tell the state the video is in now.
   */
  admit(kind: string, atMs: number): boolean {
    if (kind === 'seeked' && this.ownSeeks > 0) {
      this.ownSeeks--;
      this.last = undefined; // the jump it made is no one's gesture
      return true; // the engine's own: its echo guard knows it
    }
    if (kind !== 'play' && kind !== 'pause' && kind !== 'seeked') return true;
    if (kind !== 'seeked') this.knownPaused = kind === 'pause';
    if (atMs <= this.swallowUntil[kind]) {
      this.swallowUntil[kind] = -Infinity;
      return false;
    }
    return true;
  }

  /**
   * A seek the engine did not ask for: seen under way (reported when it ends), or seen only as a
   * jump between two readings. Reported before the engine steps, which would otherwise take the
   * new position for drift and seek back.
   */
  private findSeek(v: PlayerView, seeking: boolean, last: PlayerView | undefined): void {
    if (this.ownSeeks > 0) return;
    if (seeking) {
      this.foreignSeek = true;
      return;
    }
    let seeked = this.foreignSeek;
    this.foreignSeek = false;
    if (!seeked && last && !last.busy && !v.busy) {
      const expected = last.positionMs + (last.paused ? 0 : (v.localTimeMs - last.localTimeMs) * last.rate);
      seeked = Math.abs(v.positionMs - expected) > JUMP_MS;
    }
    if (!seeked) return;
    this.swallowUntil.seeked = v.localTimeMs + SWALLOW_MS;
    this.onGesture?.('seeked', v.localTimeMs, v.positionMs, v.rate, v.paused);
  }

  private commanded(paused: boolean): void {
    this.knownPaused = paused;
    this.commandUntil = this.now() + COMMAND_SETTLE_MS;
  }
}
