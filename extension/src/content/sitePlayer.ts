import type { Player, PlayerView } from '../../../web/src/player/playerView';
import { HtmlVideoPlayer } from '../../../web/src/player/htmlVideoPlayer';
import { TO_PAGE, type PlayerOp, type ToContent, type ToPage } from '../shared/bridge';

/** A command the page's adapter never answered is given up after this long. */
const COMMAND_TIMEOUT_MS = 5_000;

/**
 * The main video driven through the site's own player API by the adapter in the page's world
 * (page/adapters.ts); its state is read from the <video> element itself, which the content script
 * shares with the page.
 */
export class SitePlayer implements Player {
  private readonly element: HtmlVideoPlayer;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: () => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> }>();

  constructor(video: HTMLVideoElement, now: () => number, readonly adapterName: string) {
    this.element = new HtmlVideoPlayer(video, now);
  }

  view(): PlayerView {
    return this.element.view();
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
    void this.send('seek', positionMs).catch(() => undefined);
  }

  setRate(rate: number): void {
    void this.send('rate', rate).catch(() => undefined);
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
