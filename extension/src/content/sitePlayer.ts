import type { Player, PlayerView } from '../../../web/src/player/playerView';
import { HtmlVideoPlayer } from '../../../web/src/player/htmlVideoPlayer';
import { FilmTime } from '../shared/adBreaks';
import { TO_PAGE, type PlayerOp, type ToContent, type ToPage } from '../shared/bridge';

/** A command the page's adapter never answered is given up after this long. */
const COMMAND_TIMEOUT_MS = 5_000;

/**
 * The main video driven through the site's own player API by the adapter in the page's world
 * (page/adapters.ts); its state is read from the <video> element itself, which the content script
 * shares with the page. Positions are the film's: a stream with ads spliced in is read and sought around them
 * (shared/adBreaks.ts), and the player is busy while an ad plays or while the site's player says it fetches.
 */
export class SitePlayer implements Player {
  private readonly element: HtmlVideoPlayer;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: () => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> }>();

  /** The stream's ad breaks, as the adapter last said. */
  filmTime = FilmTime.NONE;
  /** The site's player says it is fetching what it needs to go on. */
  siteBusy = false;
  /** The rate the engine last asked for (undefined: none yet). */
  private wantedRate: number | undefined;

  constructor(private readonly video: HTMLVideoElement, now: () => number, readonly adapterName: string) {
    this.element = new HtmlVideoPlayer(video, now);
  }

  view(): PlayerView {
    const v = this.element.view();
    if (!this.filmTime.hasBreaks && !this.siteBusy) return v;
    const inBreak = this.filmTime.inBreak(v.positionMs);
    return { ...v, positionMs: this.filmTime.filmOf(v.positionMs), busy: v.busy || this.siteBusy || inBreak };
  }

  /** Whether the video plays an ad break of the stream now. */
  inBreak(): boolean {
    return this.filmTime.inBreak(this.video.currentTime * 1000);
  }

  /** The film position of a media position (an event's, read from the element). */
  filmOf(mediaMs: number): number {
    return this.filmTime.filmOf(mediaMs);
  }

  atEnd(): boolean {
    return this.element.atEnd();
  }

  bufferedAheadMs(): number {
    return this.element.bufferedAheadMs();
  }

  play(): Promise<void> {
    return this.send('play', 0);
  }

  pause(): void {
    void this.send('pause', 0).catch(() => undefined);
  }

  seek(positionMs: number): void {
    void this.send('seek', this.filmTime.mediaOf(positionMs)).catch(() => undefined);
  }

  setRate(rate: number): void {
    this.wantedRate = rate;
    void this.send('rate', rate).catch(() => undefined);
  }

  /**
   * Sets again the rate the engine last asked for, if the element has another: a player that held playback while it
   * fetched puts back a rate of its own when it goes on (Shaka Player its default), and the engine, which believes its
   * nudge under way, would wait seconds for it to take effect.
   */
  restoreRate(): void {
    if (this.wantedRate !== undefined && this.video.playbackRate !== this.wantedRate) this.setRate(this.wantedRate);
  }

  /** An answer from the adapter (the content script routes the window's messages here). */
  answered(message: Extract<ToContent, { kind: 'done' }>): void {
    const p = this.pending.get(message.id);
    if (!p) return;
    this.pending.delete(message.id);
    clearTimeout(p.timer);
    if (message.error === undefined) p.resolve();
    else {
      const e = new Error(`site player refused: ${message.error}`);
      e.name = message.error;
      p.reject(e);
    }
  }

  close(): void {
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
  }

  private send(op: PlayerOp, value: number): Promise<void> {
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error('site player did not answer'));
      }, COMMAND_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer });
      const message: ToPage = { channel: TO_PAGE, kind: 'command', id, op, value };
      window.postMessage(message, window.location.origin === 'null' ? '*' : window.location.origin);
    });
  }
}
