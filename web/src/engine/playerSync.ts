import { SyncController } from './controller';
import { browserTraits, type PlayerTraits } from './playerTraits';
import { EchoGuard } from './echo';
import { positionAt, type Timeline } from './timeline';
import type { Tolerances } from './tolerances';
import { HealthReporting, type Corrections } from './healthReporting';
import { rateChosenByPerson } from './rateGestures';
import { heardMs, heardView, pictureMs } from './soundDelay';
import { StepTimer, browserStepHost, type StepTimerHost } from './stepTimer';
import type { MediaEventKind, Player, PlayerCommand, PlayerEventKind, PlayerView } from '../player/playerView';

/** What the engine needs from the room connection. */
export interface SyncClient {
  readonly timeline: Timeline | undefined;
  readonly clockSynced: boolean;
  readonly offsetMs: number;
  readonly rttMs: number;
  /** How far the clock offset may be off, from its samples' spread (sizes the dead band). */
  readonly clockUncertaintyMs: number;
  readonly localNowMs: number;
  readonly state: string;
  /** The timeline can be followed: connected, or playing on the peers while the server is lost (else: state is connected). */
  readonly following?: boolean;
  serverNowMs(): number;
  expectedPositionMs(): number;
  play(): void;
  pause(positionMs?: number): void;
  seek(positionMs: number): void;
  setRate(rate: number): void;
  buffering(): void;
  ready(): void;
  /** The browser blocked playback until a click (ready follows the click). */
  needsClick(): void;
  /** A health report with the corrections made since the previous one (HealthReporting.takeCorrections) and the sound delay. */
  report(driftMs: number, rttMs: number, corrections: Corrections, soundDelayMs: number): void;
  /** The video ended here: true when the room has a queue to move on to (and was told). */
  endReached?(): boolean;
}

/** Sync steps every 20 ms: a nudge at 5 % overshoots its target by at most 1 ms between steps. */
export const STEP_MS = 20;
/** How often a health report is considered (see HealthReporting for when one goes). */
const REPORT_CHECK_MS = 1_000;
/** After a gesture became an intent, the player keeps what the person did until the room answers. */
const GESTURE_HOLD_MS = 1_000;
/**
 * A gesture made before the room's first timeline arrived (a person pressing play the moment after joining, on a
 * site's player or in mpv) is acted on when it arrives, if it is not older than this; dropped, the first timeline,
 * still paused, paused the video again. The twin of PlayerSync.EARLY_GESTURE_MS in client-java.
 */
export const EARLY_GESTURE_MS = 5_000;
/**
 * A player that stalled long enough to hold the room is ready again once this much of the video is in
 * hand ahead of it (or the rest of the video). A <video> resumes on the first frames that arrive, so
 * on a link slower than the video a wait-for-everyone room would start and stop again every second;
 * mpv waits for a second of cache by itself (its cache-pause-wait), which is why client-java has no twin.
 */
export const READY_CUSHION_MS = 2_000;
/** How long, and at what share of its rate, a player must play on after 'waiting' for it to be no stall. */
const PLAYED_THROUGH_MS = 250;
const PLAYED_THROUGH_SHARE = 0.8;

/**
 * Binds a player to the room: every step the controller's commands are applied (and their events
 * expected, so they never become intents); events nobody expected are a person's gestures and
 * become intents when they differ from the timeline. Mirrors client-java's PlayerSync.
 */
export class PlayerSync {
  private readonly controller: SyncController;
  private readonly guard = new EchoGuard();
  private playAtTimer: ReturnType<typeof setTimeout> | undefined;
  private intervals: ReturnType<typeof setInterval>[] = [];
  private stepTimer: StepTimer | undefined;
  private heldVersion = -1;
  private heldUntil = 0;
  /** The latest gesture made before the room's first timeline arrived (see EARLY_GESTURE_MS). */
  private earlyGesture: { kind: PlayerEventKind; atLocalMs: number; positionMs: number; rate: number } | undefined;
  private stalled = false;
  private stallTimer: ReturnType<typeof setTimeout> | undefined;
  /** Where the player was at its last 'waiting' that may still become a buffering report. */
  private waitingAt: { localMs: number; positionMs: number } | undefined;
  private notReady = false;
  private readonly reporting = new HealthReporting();
  /** How many commands of each kind the controller gave the player (for the benchmarks: every seek and rate switch shows). */
  readonly commandCounts: Record<PlayerCommand['kind'], number> = { pause: 0, play: 0, playAt: 0, seek: 0, rate: 0 };
  /**
   * How much later this viewer hears the film than the picture shows (soundDelay.ts): the timeline is
   * kept for the sound. Set by the person or a measurement; 0 for most.
   */
  soundDelayMs = 0;
  private reportedSoundDelayMs = 0;
  /** The browser refused to start playback; waits for a click (see unblock). */
  blocked = false;
  onBlocked: (() => void) | undefined;

  constructor(
    private readonly client: SyncClient,
    private readonly player: Player,
    private readonly tolerances: Tolerances,
    traits: PlayerTraits = browserTraits(typeof navigator === 'undefined' ? '' : navigator.userAgent),
  ) {
    this.controller = new SyncController(tolerances, traits);
  }

  /** @param host where the steps' timer comes from (stepTimer.ts); the browser's by default */
  start(host: StepTimerHost = browserStepHost()): void {
    this.stepTimer = new StepTimer(host, STEP_MS, () => this.step());
    this.stepTimer.start();
    this.intervals.push(setInterval(() => this.report(), REPORT_CHECK_MS));
  }

  stop(): void {
    this.stepTimer?.stop();
    this.stepTimer = undefined;
    this.intervals.forEach(clearInterval);
    this.intervals = [];
    clearTimeout(this.playAtTimer);
    this.cancelStallReport();
  }

  get lastErrorMs(): number {
    return this.controller.lastErrorMs;
  }

  /** Whether the player waits (for data, a click, or its viewer) and so has no drift to tell. */
  get waiting(): boolean {
    return this.stalled || this.notReady || this.blocked;
  }

  /** The person clicked "join playback": playing is allowed now. */
  unblock(): void {
    if (!this.blocked) return;
    this.blocked = false;
    if (!this.notReady && !this.stalled) this.client.ready();
    this.step();
  }

  /** The person says they are not ready (or ready again); holds a wait-for-everyone room. */
  setNotReady(notReady: boolean): void {
    this.notReady = notReady;
    if (notReady) this.client.buffering();
    else if (!this.stalled) this.client.ready();
  }

  step(): void {
    // Every step, playing or not: what the guard expects lapses only with time in which this page ran.
    this.guard.ran(this.client.localNowMs);
    if (this.stalled && this.cushioned()) this.endStall();
    const t = this.client.timeline;
    if (!t || this.blocked || !(this.client.following ?? this.client.state === 'connected') || !this.client.clockSynced) return;
    const view = this.heard();
    if (view.busy) this.guard.underWay(view.localTimeMs);
    const early = this.earlyGesture;
    this.earlyGesture = undefined;
    // Held from now: the room answers from now on, however long ago the person did it.
    if (early && view.localTimeMs - early.atLocalMs <= EARLY_GESTURE_MS) this.gesture(early.kind, view.localTimeMs, early.positionMs, early.rate);
    if (this.stallTimer !== undefined && this.playedOnSinceWaiting(view)) this.cancelStallReport();
    if (t.version <= this.heldVersion && view.localTimeMs < this.heldUntil) return;
    this.controller.clockUncertaintyMs = this.client.clockUncertaintyMs;
    for (const command of this.controller.step(t, this.client.serverNowMs(), view)) this.apply(command, view.localTimeMs);
  }

  /** Feed every media event of the player here, with the local time it happened and the picture's position. */
  onEvent(kind: MediaEventKind, atLocalMs: number, picturePositionMs: number, rate: number, paused: boolean): void {
    const positionMs = heardMs(picturePositionMs, this.soundDelayMs);
    if (kind === 'seeked') {
      this.controller.seekFinished(atLocalMs);
      // A 'waiting' during a seek is the seek's own fetch: a stall counts from the landing, where the clock can be
      // seen to play through it. Counted from before the seek, WebKit's waiting at each start and the landing seek
      // that follows it held the room again and again (three holds 1.2 s apart, a CI run, 2026-11-28).
      if (this.stallTimer !== undefined) this.armStallReport(atLocalMs, positionMs);
    }
    if (kind === 'waiting') {
      // A player stalls briefly after every seek or start while it fetches; only a longer stall
      // is buffering, or each seek would make a wait-for-everyone room stop and start again.
      // And not one the media clock plays through (see playedOnSinceWaiting).
      if (!paused && !this.stalled && this.stallTimer === undefined) this.armStallReport(atLocalMs, positionMs);
      return;
    }
    if (kind === 'playing' || kind === 'canplay') {
      this.endStall();
      return;
    }
    if (kind === 'pause') this.cancelStallReport();
    if (this.guard.consume(kind, atLocalMs, positionMs)) return;
    this.gesture(kind, atLocalMs, positionMs, rate);
  }

  /** Data is there again (playing, or able to play while paused by the room), with a cushion once the room was told. */
  private endStall(): void {
    this.cancelStallReport();
    if (!this.stalled || !this.cushioned()) return;
    this.stalled = false;
    if (!this.notReady) this.client.ready();
  }

  private cushioned(): boolean {
    return (this.player.bufferedAheadMs?.() ?? Infinity) >= READY_CUSHION_MS;
  }

  /** Buffering is reported unless the stall ends (or is played through) within the delay from `atLocalMs`. */
  private armStallReport(atLocalMs: number, positionMs: number): void {
    clearTimeout(this.stallTimer);
    this.waitingAt = { localMs: atLocalMs, positionMs };
    this.stallTimer = setTimeout(() => {
      this.stallTimer = undefined;
      this.stalled = true;
      this.client.buffering();
    }, this.tolerances.bufferingReportDelayMs);
  }

  private cancelStallReport(): void {
    clearTimeout(this.stallTimer);
    this.stallTimer = undefined;
    this.waitingAt = undefined;
  }

  /**
   * A 'waiting' the player's clock has played through since, at nearly its rate, for a while: no stall. WebKit fires
   * 'waiting' after every start and plays on at HAVE_CURRENT_DATA with no 'playing' or 'canplay' after it; taken for
   * a stall, it held a wait-for-everyone room every 700 ms. A link that trickles plays in fits and starts, well
   * short of its rate, and still holds the room. A seek of ours since then leaves it to the timer.
   */
  private playedOnSinceWaiting(view: PlayerView): boolean {
    const w = this.waitingAt;
    if (!w || view.paused || view.busy) return false;
    const elapsed = view.localTimeMs - w.localMs;
    return elapsed >= PLAYED_THROUGH_MS && view.positionMs - w.positionMs >= elapsed * view.rate * PLAYED_THROUGH_SHARE;
  }

  private gesture(kind: PlayerEventKind, atLocalMs: number, positionMs: number, rate: number): void {
    const t = this.client.timeline;
    if (!t) {
      this.earlyGesture = { kind, atLocalMs, positionMs, rate };
      return;
    }
    let sent = true;
    if (kind === 'play' && t.state === 'paused') this.client.play();
    // A browser pauses by itself at the end; with a queue that means "next", not "pause".
    else if (kind === 'pause' && t.state !== 'paused' && this.player.atEnd?.() && this.client.endReached?.()) sent = true;
    else if (kind === 'pause' && t.state !== 'paused') this.client.pause(positionMs);
    // A film that cannot be sought lands at its start whatever was asked, ours or a person's: sent on, that landing
    // pulled the whole room back to the start (a room paused at 7.7 s, a server that ignores byte ranges, 2026-11-27).
    else if (kind === 'seeked' && !this.player.cannotSeek?.()
      && Math.abs(positionMs - this.client.expectedPositionMs()) > this.tolerances.deadBandMs) {
      this.client.seek(positionMs);
    } else if (kind === 'ratechange' && rateChosenByPerson(rate, t.rate, this.tolerances)) this.client.setRate(rate);
    else sent = false;
    if (sent) {
      this.heldVersion = t.version;
      this.heldUntil = atLocalMs + GESTURE_HOLD_MS;
    }
  }

  private apply(command: PlayerCommand, nowLocal: number): void {
    this.commandCounts[command.kind]++;
    switch (command.kind) {
      case 'pause':
        clearTimeout(this.playAtTimer);
        this.guard.expectSoon('pause', nowLocal);
        this.player.pause();
        break;
      case 'play':
        this.startPlaying(nowLocal);
        break;
      case 'playAt': {
        clearTimeout(this.playAtTimer);
        const local = command.serverTimeMs - this.client.offsetMs;
        this.playAtTimer = setTimeout(() => this.startPlaying(this.client.localNowMs), Math.max(0, local - nowLocal));
        break;
      }
      case 'seek':
        this.waitingAt = undefined;
        this.guard.expectSeek(command.positionMs, nowLocal);
        this.player.seek(pictureMs(command.positionMs, this.soundDelayMs));
        break;
      case 'rate':
        this.guard.expectSoon('ratechange', nowLocal);
        this.player.setRate(command.rate);
        break;
    }
  }

  private startPlaying(nowLocal: number): void {
    this.guard.expectSoon('play', nowLocal);
    this.player.play().catch((e: unknown) => {
      if (e instanceof Error && e.name === 'NotAllowedError' && !this.blocked) {
        this.blocked = true;
        this.client.needsClick();
        this.onBlocked?.();
      }
    });
  }

  /** The player as the viewer hears it: every position the engine compares with the timeline. */
  private heard(): PlayerView {
    return heardView(this.player.view(), this.soundDelayMs);
  }

  private report(): void {
    // A player that waits (for data, a click, or its viewer) has no drift to tell: the room forgot the last one when
    // it heard so, and the first report once it plays again goes at once (HealthReporting starts over).
    const ready = this.client.state === 'connected' && this.client.clockSynced && !this.waiting;
    const driftMs = Math.round(this.driftNowMs() * 10) / 10;
    const rttMs = Math.round(this.client.rttMs * 10) / 10;
    const { nudges, seeks } = this.controller;
    // A new sound delay goes at the next check: the room shows it beside the viewer's name.
    const delayNews = ready && this.soundDelayMs !== this.reportedSoundDelayMs;
    if (!this.reporting.due(ready, this.client.localNowMs, driftMs, rttMs, nudges, seeks) && !delayNews) return;
    this.reportedSoundDelayMs = this.soundDelayMs;
    this.client.report(driftMs, rttMs, this.reporting.takeCorrections(nudges, seeks), this.soundDelayMs);
  }

  /**
   * The drift the room is told: the controller's error at its last step, but read afresh while the player is
   * busy playing (stalled, or in a seek), when the controller does not step: the panel must never keep showing
   * a small drift from before a stall while the picture falls behind.
   */
  private driftNowMs(): number {
    const t = this.client.timeline;
    const view = this.heard();
    if (!t || view.paused || !view.busy || !this.client.clockSynced) return this.controller.lastErrorMs;
    return view.positionMs - positionAt(t, this.client.serverNowMs());
  }
}
