import type { PlayerView } from '../../../web/src/engine/controller';
import type { Player } from '../../../web/src/engine/playerSync';

/** A real play or pause event that follows one already reported here is dropped this long. */
const SWALLOW_MS = 1_000;

export type Gesture = 'play' | 'pause';

/**
 * Puts a person's play or pause on the site's own controls ahead of the sync engine. The engine
 * steps every 20 ms and the browser fires `play`/`pause` in a later task, so a step can see a
 * video started by the person before the event says so, and would undo it as drift. This wrapper
 * knows which state the video was last put in (by the engine or by an event it saw); a command
 * that finds the video in the other state reports the person's gesture instead of fighting it,
 * and the event that arrives afterwards is not reported twice.
 */
export class GestureFirstPlayer implements Player {
  private knownPaused: boolean;
  private readonly swallowUntil: Record<Gesture, number> = { play: -Infinity, pause: -Infinity };
  /** Where gestures found here go (PlayerSync.onEvent). */
  onGesture: ((kind: Gesture, atMs: number, positionMs: number, rate: number, paused: boolean) => void) | undefined;

  constructor(private readonly inner: Player, private readonly now: () => number) {
    this.knownPaused = inner.view().paused;
  }

  view(): PlayerView {
    return this.inner.view();
  }

  atEnd(): boolean {
    return this.inner.atEnd?.() ?? false;
  }

  play(): Promise<void> {
    if (this.unseenChange()) return Promise.resolve();
    this.knownPaused = false;
    return this.inner.play().catch((e: unknown) => {
      this.knownPaused = true; // refused (autoplay): it stays paused, by no one's gesture
      throw e;
    });
  }

  pause(): void {
    if (this.unseenChange()) return;
    this.knownPaused = true;
    this.inner.pause();
  }

  seek(positionMs: number): void {
    if (this.unseenChange()) return;
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

  /** The video is playing or paused other than it was last put: a gesture not yet reported. */
  private unseenChange(): boolean {
    const v = this.inner.view();
    if (v.paused === this.knownPaused) return false;
    const kind: Gesture = v.paused ? 'pause' : 'play';
    this.knownPaused = v.paused;
    const at = this.now();
    this.swallowUntil[kind] = at + SWALLOW_MS;
    this.onGesture?.(kind, at, v.positionMs, v.rate, v.paused);
    return true;
  }
}
