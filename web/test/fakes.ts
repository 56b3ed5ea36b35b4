import type { Corrections } from '../src/engine/healthReporting';
import type { SyncClient } from '../src/engine/playerSync';
import type { MediaEventKind, Player, PlayerView } from '../src/player/playerView';
import type { Timeline } from '../src/engine/timeline';
import { positionAt } from '../src/engine/timeline';

/** A local clock that moves only when told. */
export class ManualClock {
  constructor(public nowMs = 1_000_000) {}
  advance(ms: number): void {
    this.nowMs += ms;
  }
}

/**
 * A player whose position follows the manual clock exactly; seeks take `seekLatencyMs`.
 * Fires media events for every change, whoever caused it, as a <video> does.
 */
export class FakePlayer implements Player {
  paused = true;
  rate = 1;
  private position = 0;
  private at: number;
  private seekEnd = NaN;
  /** Until this instant a just-started player holds its position (coming up to speed). */
  private runsFrom = -Infinity;
  events: MediaEventKind[] = [];
  listener: ((kind: MediaEventKind, at: number, position: number, rate: number, paused: boolean) => void) | undefined;
  refusePlay = false;
  /** Whether the video stands at its end (the browser then pauses by itself). */
  ended = false;
  /** What the fake has in hand ahead of its position (a test sets it to play a slow link). */
  bufferedAhead = Infinity;
  /** Playing but short of data: its clock stands still (a test sets it to play a stall). */
  starved = false;
  /** A film that cannot be sought (a server that ignores byte ranges): every seek lands at the start. */
  unseekable = false;

  constructor(private readonly clock: ManualClock, private readonly seekLatencyMs = 0, private readonly startLatencyMs = 0) {
    this.at = clock.nowMs;
  }

  atEnd(): boolean {
    return this.ended;
  }

  bufferedAheadMs(): number {
    return this.bufferedAhead;
  }

  view(): PlayerView {
    this.settle();
    const stalled = this.starved && !this.paused;
    return { paused: this.paused, busy: !Number.isNaN(this.seekEnd) || stalled, positionMs: this.position, rate: this.rate, localTimeMs: this.clock.nowMs };
  }

  positionMs(): number {
    this.settle();
    return this.position;
  }

  /** The picture falls behind by `ms` without any event (a decoder hiccup, a busy tab): drift to correct. */
  slip(ms: number): void {
    this.settle();
    this.position -= ms;
  }

  play(): Promise<void> {
    this.settle();
    if (this.refusePlay) {
      const e = new Error('autoplay refused');
      e.name = 'NotAllowedError';
      return Promise.reject(e);
    }
    if (this.paused) {
      this.paused = false;
      this.runsFrom = this.clock.nowMs + this.startLatencyMs;
      this.fire('play');
    }
    return Promise.resolve();
  }

  pause(): void {
    this.settle();
    if (this.paused) return;
    this.paused = true;
    this.fire('pause');
  }

  cannotSeek(): boolean {
    return this.unseekable;
  }

  seek(positionMs: number): void {
    this.settle();
    this.position = this.unseekable ? 0 : positionMs;
    this.seekEnd = this.clock.nowMs + this.seekLatencyMs;
    if (this.seekLatencyMs === 0) this.settle();
  }

  setRate(rate: number): void {
    this.settle();
    if (rate === this.rate) return;
    this.rate = rate;
    this.fire('ratechange');
  }

  /** A person's gesture on the native controls. */
  userSeek(positionMs: number): void {
    this.seek(positionMs);
  }

  private settle(): void {
    const now = this.clock.nowMs;
    if (!Number.isNaN(this.seekEnd) && this.seekEnd <= now) {
      this.at = this.seekEnd;
      this.seekEnd = NaN;
      this.fire('seeked');
    }
    if (!this.paused && !this.starved && Number.isNaN(this.seekEnd)) this.position += Math.max(0, now - Math.max(this.at, this.runsFrom)) * this.rate;
    this.at = now;
  }

  private fire(kind: MediaEventKind): void {
    this.events.push(kind);
    this.listener?.(kind, this.at, this.position, this.rate, this.paused);
  }
}

/** A client whose server clock is the local clock plus `offsetMs`; records the intents sent. */
export class FakeClient implements SyncClient {
  timeline: Timeline | undefined;
  clockSynced = true;
  offsetMs = 0;
  rttMs = 80;
  clockUncertaintyMs = Infinity;
  state = 'connected';
  following: boolean | undefined;
  sent: string[] = [];
  /** Videos waiting in the room's queue (endReached is true while there are some). */
  queued = 0;

  constructor(private readonly clock: ManualClock) {}

  get localNowMs(): number {
    return this.clock.nowMs;
  }
  serverNowMs(): number {
    return this.clock.nowMs + this.offsetMs;
  }
  expectedPositionMs(): number {
    return this.timeline ? positionAt(this.timeline, this.serverNowMs()) : 0;
  }
  play(): void {
    this.sent.push('play');
  }
  pause(): void {
    this.sent.push('pause');
  }
  /** Where each seek intent asked the room to go. */
  seekedTo: number[] = [];
  seek(positionMs: number): void {
    this.sent.push('seek');
    this.seekedTo.push(positionMs);
  }
  setRate(): void {
    this.sent.push('setRate');
  }
  buffering(): void {
    this.sent.push('buffering');
  }
  ready(): void {
    this.sent.push('ready');
  }
  needsClick(): void {
    this.sent.push('needsClick');
  }
  endReached(): boolean {
    if (this.queued === 0) return false;
    this.sent.push('ended');
    return true;
  }
  /** When each health report was sent, on the local clock, and the corrections each carried. */
  reports: number[] = [];
  corrections: Corrections[] = [];
  drifts: number[] = [];
  soundDelays: number[] = [];
  report(driftMs: number, _rttMs: number, corrections: Corrections, soundDelayMs: number): void {
    this.reports.push(this.clock.nowMs);
    this.drifts.push(driftMs);
    this.corrections.push(corrections);
    this.soundDelays.push(soundDelayMs);
  }
}
