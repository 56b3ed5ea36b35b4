import type { MediaEventKind, Player, PlayerView } from './playerView';

/** HAVE_METADATA: below it a new source is still loading; a seek now would only be remembered. */
const HAVE_METADATA = 1;
/** HAVE_FUTURE_DATA: below it a playing video is stalled for data. */
const HAVE_FUTURE_DATA = 3;
const EVENTS: MediaEventKind[] = ['play', 'pause', 'seeked', 'ratechange', 'waiting', 'playing', 'canplay'];

/** The page's <video> as the engine's {@link Player}. */
export class HtmlVideoPlayer implements Player {
  constructor(private readonly video: HTMLVideoElement, private readonly now: () => number) {}

  view(): PlayerView {
    const v = this.video;
    return {
      paused: v.paused,
      busy: v.seeking || v.readyState < HAVE_METADATA || (!v.paused && v.readyState < HAVE_FUTURE_DATA),
      positionMs: v.currentTime * 1000,
      rate: v.playbackRate,
      localTimeMs: this.now(),
    };
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
  }

  atEnd(): boolean {
    return this.video.ended;
  }

  /** Forwards the media events the engine needs, stamped with the local time they happened. */
  listen(handler: (kind: MediaEventKind, atMs: number, positionMs: number, rate: number, paused: boolean) => void): void {
    for (const kind of EVENTS) {
      this.video.addEventListener(kind, () =>
        handler(kind, this.now(), this.video.currentTime * 1000, this.video.playbackRate, this.video.paused));
    }
  }
}
