import type { PlayerView } from '../../../web/src/engine/controller';
import type { Player } from '../../../web/src/engine/playerSync';

/** A real play or pause event that follows one already reported here is dropped this long. */
const SWALLOW_MS = 1_000;
/**
 * After the engine's own play or pause, the video may take this long to change state (a site
 * adapter is driven by messages): a difference until then is the command under way, not a gesture.
 */
const COMMAND_SETTLE_MS = 500;

export type Gesture = 'play' | 'pause';

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
  private readonly swallowUntil: Record<Gesture, number> = { play: -Infinity, pause: -Infinity };
  /** Where gestures found here go (PlayerSync.onEvent). */
  onGesture: ((kind: Gesture, atMs: number, positionMs: number, rate: number, paused: boolean) => void) | undefined;

  /**
   * @param attached whether the video is in the page and settled: a site that throws its element away
   *   (an ad break, the next episode) leaves it paused by the browser, and a new element is set up by
   *   the site (position restored, autoplay); neither is anyone's gesture. Meanwhile it reads as busy,
   *   so the engine leaves it alone.
   */
  constructor(private readonly inner: Player, private readonly now: () => number, private readonly attached: () => boolean = () => true) {
    this.knownPaused = inner.view().paused;
  }

  view(): PlayerView {
    const v = this.inner.view();
    if (!this.attached()) {
      this.knownPaused = v.paused; // whatever the site does meanwhile is where its gestures start from
      return { ...v, busy: true };
    }
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
    if (kind !== 'play' && kind !== 'pause') return true;
    this.knownPaused = kind === 'pause';
    if (atMs <= this.swallowUntil[kind]) {
      this.swallowUntil[kind] = -Infinity;
      return false;
    }
    return true;
  }

  private commanded(paused: boolean): void {
    this.knownPaused = paused;
    this.commandUntil = this.now() + COMMAND_SETTLE_MS;
  }
}
