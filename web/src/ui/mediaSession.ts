import type { Timeline } from '../engine/timeline';

/** What the lock screen and media keys may ask of the room: the same intents as Cowatch's own buttons. */
export interface RoomIntents {
  readonly timeline: Timeline | undefined;
  expectedPositionMs(): number;
  play(): void;
  pause(positionMs?: number): void;
  seek(positionMs: number): void;
}

/** The parts of the browser's Media Session this uses (absent in some browsers and in tests). */
export interface MediaSessionLike {
  metadata: MediaMetadata | null;
  playbackState: MediaSessionPlaybackState;
  setActionHandler(action: MediaSessionAction, handler: MediaSessionActionHandler | null): void;
  setPositionState?(state?: MediaPositionState): void;
}

const ACTIONS: MediaSessionAction[] = ['play', 'pause', 'seekto', 'seekbackward', 'seekforward'];
/** What a headset's or a lock screen's skip button moves when it does not say: as Cowatch's own ±10 buttons. */
const DEFAULT_SKIP_S = 10;

/**
 * The room on the lock screen, in the browser's media hub, and under headset buttons and media keys (Media
 * Session): the film's title and the room's position and state, and play, pause and seeking that become the
 * room's intents, as Cowatch's own buttons do. Never the element's play() or pause(): the sync engine would take
 * their events for a person's gesture against the room's timeline, or pull the player back.
 */
export class RoomMediaSession {
  private shown = '';

  constructor(private readonly session: MediaSessionLike | undefined, private readonly room: RoomIntents,
    private readonly durationMs: () => number) {}

  /** The browser's own, where it has one. */
  static of(room: RoomIntents, durationMs: () => number): RoomMediaSession {
    const session = typeof navigator !== 'undefined' && 'mediaSession' in navigator ? navigator.mediaSession : undefined;
    return new RoomMediaSession(session, room, durationMs);
  }

  attach(): void {
    if (!this.session) return;
    const handlers: Record<string, MediaSessionActionHandler> = {
      play: () => {
        if (this.room.timeline?.mediaId && this.room.timeline.state === 'paused') this.room.play();
      },
      pause: () => {
        if (this.room.timeline?.mediaId && this.room.timeline.state !== 'paused') this.room.pause(this.room.expectedPositionMs());
      },
      seekto: (d) => {
        if (this.room.timeline?.mediaId && d.seekTime !== undefined) this.room.seek(this.clamp(d.seekTime * 1000));
      },
      seekbackward: (d) => this.skip(-(d.seekOffset ?? DEFAULT_SKIP_S)),
      seekforward: (d) => this.skip(d.seekOffset ?? DEFAULT_SKIP_S),
    };
    for (const action of ACTIONS) this.set(action, handlers[action]);
  }

  /** What the lock screen shows: called as the room page renders; writes only what changed, position once a second. */
  update(title: string): void {
    const session = this.session;
    if (!session) return;
    const t = this.room.timeline;
    const state: MediaSessionPlaybackState = !t?.mediaId ? 'none' : t.state === 'paused' ? 'paused' : 'playing';
    const durationMs = this.durationMs();
    const position = Math.min(this.room.expectedPositionMs(), durationMs);
    const shown = `${title}|${state}|${t?.rate ?? 1}|${Math.round(durationMs)}|${Math.floor(position / 1000)}`;
    if (shown === this.shown) return;
    this.shown = shown;
    if (session.metadata?.title !== title && typeof MediaMetadata !== 'undefined') {
      session.metadata = new MediaMetadata({ title, artist: 'Cowatch' });
    }
    session.playbackState = state;
    if (state !== 'none' && Number.isFinite(durationMs) && durationMs > 0 && t) {
      try {
        session.setPositionState?.({ duration: durationMs / 1000, playbackRate: t.rate, position: Math.max(0, position) / 1000 });
      } catch {
        // A position the browser finds out of range (the film's length not known yet): shown at the next render.
      }
    }
  }

  dispose(): void {
    if (!this.session) return;
    for (const action of ACTIONS) this.set(action, null);
    this.session.playbackState = 'none';
    this.session.metadata = null;
  }

  private skip(offsetS: number): void {
    if (!this.room.timeline?.mediaId) return;
    this.room.seek(this.clamp(this.room.expectedPositionMs() + offsetS * 1000));
  }

  private clamp(positionMs: number): number {
    const duration = this.durationMs();
    const upper = Number.isFinite(duration) && duration > 0 ? duration : Infinity;
    return Math.round(Math.min(Math.max(0, positionMs), upper));
  }

  private set(action: MediaSessionAction, handler: MediaSessionActionHandler | null): void {
    try {
      this.session?.setActionHandler(action, handler);
    } catch {
      // A browser that does not know this action (older ones lack seekto): the others still work.
    }
  }
}

/** The parts of the Screen Wake Lock API this uses. */
export interface WakeLockLike {
  request(type: 'screen'): Promise<{ release(): Promise<void>; readonly released?: boolean }>;
}

/**
 * Keeps the screen on while the room plays and this page is shown (a phone on the table, a laptop nobody
 * touches), and lets it sleep when the room pauses. The browser drops the lock when the page is hidden; it is
 * asked for again when the page is shown and the room still plays.
 */
export class PlayingWakeLock {
  private held: { release(): Promise<void>; readonly released?: boolean } | undefined;
  private asking = false;

  constructor(private readonly wakeLock: WakeLockLike | undefined, private readonly visible: () => boolean) {}

  static of(): PlayingWakeLock {
    const lock = typeof navigator !== 'undefined' && 'wakeLock' in navigator ? (navigator as Navigator & { wakeLock: WakeLockLike }).wakeLock : undefined;
    return new PlayingWakeLock(lock, () => typeof document === 'undefined' || document.visibilityState === 'visible');
  }

  /** Called as the room page renders and when the page's visibility changes. */
  update(playing: boolean): void {
    if (!this.wakeLock) return;
    if (this.held?.released) this.held = undefined;
    if (playing && this.visible() && !this.held && !this.asking) {
      this.asking = true;
      this.wakeLock.request('screen').then((lock) => {
        this.held = lock;
      }, () => undefined).finally(() => {
        this.asking = false;
      });
    } else if (!playing && this.held) {
      const lock = this.held;
      this.held = undefined;
      void lock.release().catch(() => undefined);
    }
  }

  get holding(): boolean {
    return this.held !== undefined && !this.held.released;
  }

  dispose(): void {
    this.update(false);
  }
}
