import { Landing } from './landing';
import { Nudging } from './nudging';
import { BROWSER_PLAYER, type PlayerTraits } from './playerTraits';
import { PlayingSeek } from './playingSeek';
import { RateSwitches } from './rateSwitches';
import { SeekLatency } from './seekLatency';
import { Start } from './start';
import { StartLatency } from './startLatency';
import { isScheduled, positionAt, type Timeline } from './timeline';
import type { Tolerances } from './tolerances';
import type { PlayerCommand, PlayerView } from '../player/playerView';

/**
 * Keeps one player on the room's timeline; the twin of core/.../sync/SyncController.java, method for method,
 * held to the same behaviour by the shared vectors (the Java simulator measures the same rules). Called every
 * few tens of milliseconds with the timeline, the estimated server time and a reading of the player; answers
 * with commands for the player.
 *
 * Playing: an error inside the dead band (20 ms) is left alone; a moderate one is nudged away by a rate a few
 * percent off (Nudging); a large one (a stall, past the seek threshold) is seeked away, aimed ahead by the
 * measured seek latency (PlayingSeek). Inside the dead band a player at rest is trimmed toward the room when its
 * mean error over a window exceeds its trim band (trimBandMs).
 *
 * Starting: a player is told to play ahead of its instant by its start latency (Start), learned from the error
 * once the start has settled (StartLatency). A paused player on a playing timeline (late join, new source, after
 * a stall) lands paused on a frame ahead (Landing) and starts on the instant the timeline gets there.
 *
 * Each phase (the nudge in Nudging; here the landing, the start, the seek while playing) is one value or
 * undefined, set and cleared whole; undefined is "not in that phase". A new timeline version drops what was
 * planned for the old one.
 */
export class SyncController {
  private readonly switches: RateSwitches;
  private readonly seekLatency: SeekLatency;
  private readonly startLatency: StartLatency;
  private readonly nudging: Nudging;

  /** Where a paused player catching up was sent to land; undefined: not catching up. */
  private landing: Landing | undefined;
  /** The start pending or settling; undefined: none. Never pending past the step that finds it fired. */
  private start: Start | undefined;
  /** The last seek while playing, until the next playing reading judges whether it moved the player. */
  private seekToJudge: PlayingSeek | undefined;
  /** The last seek while playing, until the timeline reaches its frame (the player waits there, left alone). */
  private seekToAwait: PlayingSeek | undefined;

  /** The version of the timeline of the last step: a new one drops what was planned for the old. */
  private seenVersion = -1;
  /** Seeks in a row on this timeline that did not move the player half way to their target. */
  private seeksWithoutEffect = 0;
  /** The player has been within the seek threshold on this timeline: a later seek corrects drift. */
  private followingTimeline = false;

  /** The timeline's rate at the last step: what a switch left or went back to. */
  private nominalRate = 1;
  /** A seek went with the last step's commands: the next reading's move is the seek's, not a switch's. */
  private seekedAfterPrevious = false;
  private lastError = 0;
  private seekCount = 0;

  /** @param traits what this kind of player is like until its own readings say otherwise */
  constructor(private readonly tolerances: Tolerances, traits: PlayerTraits = BROWSER_PLAYER) {
    this.switches = new RateSwitches(tolerances, traits);
    this.nudging = new Nudging(tolerances, this.switches);
    this.seekLatency = new SeekLatency(tolerances);
    this.startLatency = new StartLatency(traits.startLatencyMs);
  }

  step(timeline: Timeline, serverNowMs: number, view: PlayerView): PlayerCommand[] {
    this.nudging.beginStep();
    const out = this.decide(timeline, serverNowMs, view);
    this.nudging.endStep();
    return out;
  }

  private decide(timeline: Timeline, serverNowMs: number, view: PlayerView): PlayerCommand[] {
    this.switches.learn(view, this.seekedAfterPrevious, this.nominalRate);
    this.nominalRate = timeline.rate;
    this.seekedAfterPrevious = false;
    const out: PlayerCommand[] = [];
    if (timeline.mediaId === undefined) return out;
    if (view.busy) {
      // Left to finish what it is doing, but not to play on through a person's pause: a seek stuck without data (the
      // film's link gone) is busy for good, and such a player stood "playing" through the room's pause
      // (BufferingPolicyTest, one run in four). A pause moves nothing, so it is safe to ask of a busy player. Not while
      // the room waits: the busy player is then the one waited for (fetching, an ad), and a site's player pausing
      // mid-fetch (Shaka Player holds playback at rate 0 while it fetches) came back with seeks nobody made (CI, 2026-11-28).
      if (!view.paused && timeline.state === 'paused') out.push({ kind: 'pause' });
      return out;
    }
    this.seekLatency.finished(view.localTimeMs); // a reading that is not busy ends the seek asked for, if any
    const newTimeline = timeline.version !== this.seenVersion;
    if (newTimeline) {
      this.seenVersion = timeline.version;
      this.landing = undefined;
      this.seekToAwait = undefined;
      this.seeksWithoutEffect = 0;
      this.followingTimeline = false;
    }
    const scheduled = isScheduled(timeline, serverNowMs);
    if (timeline.state !== 'playing' || scheduled) {
      this.hold(timeline, serverNowMs, scheduled, view, out);
      return out;
    }
    const pending = this.start?.kind === 'pending' ? this.start : undefined;
    if (pending !== undefined) {
      // A catch-up start planned on an older timeline is cancelled and planned again on this one.
      const stale = pending.catchUp && newTimeline;
      if (view.paused && serverNowMs < pending.instantMs + this.tolerances.startFiringMs && !stale) return out; // firing now
      if (view.paused && stale) out.push({ kind: 'pause' });
      this.start = Start.settling(pending, this.tolerances);
    }
    const expected = positionAt(timeline, serverNowMs);
    this.lastError = view.positionMs - expected;
    if (view.paused) {
      this.catchUp(timeline, serverNowMs, expected, view, out);
    } else {
      this.follow(timeline, serverNowMs, expected, view, out);
    }
    return out;
  }

  /**
   * A paused, waiting or scheduled timeline: the player waits paused on the anchor frame. A scheduled one is
   * started once, ahead of its instant by the start latency, and left alone from then on.
   */
  private hold(timeline: Timeline, serverNowMs: number, scheduled: boolean, view: PlayerView, out: PlayerCommand[]): void {
    const anchorTimeMs = timeline.anchorTimeMs;
    const planned = scheduled && this.start?.kind === 'pending' && this.start.instantMs === anchorTimeMs ? this.start : undefined;
    if (planned !== undefined && serverNowMs >= anchorTimeMs - planned.leadMs) return; // started: coming up to speed
    // A start still pending from an earlier timeline must not fire into this one.
    if (view.paused && this.start?.kind === 'pending' && !scheduled) out.push({ kind: 'pause' });
    this.holdAt(timeline, view, out);
    if (scheduled && planned === undefined) {
      const leadMs = this.startLatency.ms;
      out.push({ kind: 'playAt', serverTimeMs: anchorTimeMs - leadMs });
      this.start = Start.pending(anchorTimeMs, leadMs, false);
    }
    if (!scheduled) this.start = undefined;
  }

  /** A playing player on a playing timeline: seeked when far off, nudged when off, trimmed when at rest. */
  private follow(timeline: Timeline, serverNowMs: number, expectedMs: number, view: PlayerView, out: PlayerCommand[]): void {
    this.landing = undefined;
    const far = Math.abs(this.lastError) > this.tolerances.seekThresholdMs;
    if (this.seekToJudge !== undefined) {
      this.seeksWithoutEffect = far && !PlayingSeek.moved(this.seekToJudge, view.positionMs) ? this.seeksWithoutEffect + 1 : 0;
      this.seekToJudge = undefined;
    }
    if (this.waitingForSeekToLand(serverNowMs)) return;
    if (!far) this.followingTimeline = true;
    if (far) {
      this.seekOnto(timeline, serverNowMs, expectedMs, view, out);
      return;
    }
    let band = this.deadBandMs;
    if (this.start?.kind === 'settling') {
      if (serverNowMs < this.start.untilMs) return;
      this.startLatency.learn(this.start.leadMs, this.lastError, this.tolerances);
      this.start = undefined;
      band = Math.min(band, this.tolerances.startBandMs);
    }
    if (this.nudging.withoutEffect(this.lastError, this.nominalRate, view.localTimeMs, band)) {
      this.seekOnto(timeline, serverNowMs, expectedMs, view, out); // a seek is the correction left
      return;
    }
    this.nudging.correct(this.lastError, timeline.rate, view, out, band);
  }

  /**
   * Seeks a playing player onto the timeline, aimed ahead by its seek latency, at the timeline's rate. After
   * maxSeeksWithoutEffect seeks that changed nothing (a source without byte ranges) it seeks no more on this
   * timeline: each would restart the video.
   */
  private seekOnto(timeline: Timeline, serverNowMs: number, expectedMs: number, view: PlayerView, out: PlayerCommand[]): void {
    if (this.seeksWithoutEffect < this.tolerances.maxSeeksWithoutEffect) {
      // Going to where the room just moved (a seek, a new video) follows it; drifting off it is corrected.
      if (this.followingTimeline) this.seekCount++;
      const sent: PlayingSeek = {
        fromMs: view.positionMs,
        toMs: expectedMs + this.seekLatency.ms * timeline.rate,
        landsAtMs: serverNowMs + this.seekLatency.ms,
      };
      this.seekToJudge = sent;
      this.seekToAwait = sent;
      this.seek(sent.toMs, view, out);
    }
    this.switches.setRate(timeline.rate, view, out);
    this.nudging.drop();
    this.start = undefined; // a settling start's error is now the seek's
  }

  /**
   * While the timeline has not reached the frame a seek while playing was aimed at, the player waits on it,
   * ahead, and is left alone; only falling behind by more than the seek threshold ends the wait early. Judged
   * meanwhile, a page seeked out of a stall (80-110 ms ahead on its frame for 140 ms) was nudged slower, came
   * out 30 ms behind and took about a second to recover (issue 21).
   */
  private waitingForSeekToLand(serverNowMs: number): boolean {
    if (this.seekToAwait === undefined) return false;
    if (serverNowMs < this.seekToAwait.landsAtMs && this.lastError >= -this.tolerances.seekThresholdMs) return true;
    this.seekToAwait = undefined;
    return false;
  }

  /** The player reported the end of a seek this controller asked for. */
  seekFinished(localTimeMs: number): void {
    this.seekLatency.finished(localTimeMs);
  }

  /** How uncertain the client's estimate of the server clock is (ClockEstimator.uncertaintyMs): sizes the trim band. */
  set clockUncertaintyMs(ms: number) {
    this.nudging.clockUncertainty = ms;
  }

  /** An error beyond this is corrected at once, judged on one reading. */
  get deadBandMs(): number {
    return this.tolerances.deadBandMs;
  }

  /**
   * A resting player whose mean error over a window exceeds this is trimmed: twice the clock's uncertainty or
   * three times the spread of this player's rate-switch jumps, within [minDeadBandMs, deadBandMs]. The dead
   * band until the clock's uncertainty is told, and until a whole correction or the player's kind has shown
   * what its switches cost (see SyncController.java).
   */
  get trimBandMs(): number {
    return this.nudging.trimBandMs;
  }

  /** Player position minus timeline position at the last step, in ms; positive is ahead. */
  get lastErrorMs(): number {
    return this.lastError;
  }

  /** Corrections by rate since this controller began: each nudge counts once, however long it is held. */
  get nudges(): number {
    return this.nudging.count;
  }

  /**
   * Seeks since this controller began that brought a playing player back onto a timeline it had been
   * following (within the seek threshold); seeks that follow the room (its seek, a new video, a late
   * join, a paused position) do not count.
   */
  get seeks(): number {
    return this.seekCount;
  }

  get seekLatencyMs(): number {
    return this.seekLatency.ms;
  }

  get switchJumpMs(): number {
    return this.switches.meanJumpMs;
  }

  get startLatencyMs(): number {
    return this.startLatency.ms;
  }

  /**
   * A paused player on a playing timeline: once it has landed on the frame it was sent to, it starts on the
   * instant the timeline gets there (ahead by its start latency); otherwise it is sent ahead. A landing too late
   * for its instant is planned again, with the seek latency it taught.
   */
  private catchUp(timeline: Timeline, serverNowMs: number, expectedMs: number, view: PlayerView, out: PlayerCommand[]): void {
    this.nudging.drop();
    this.start = undefined; // no start is pending here (decide turned it to settling), and a settling one is void
    this.switches.setRate(timeline.rate, view, out);
    const landing = this.landing;
    if (landing !== undefined) {
      if (Landing.reached(landing, view.positionMs, this.tolerances.pausedToleranceMs)) {
        const instant = Landing.instantOn(landing, timeline);
        if (instant - this.startLatency.ms > serverNowMs) {
          const leadMs = this.startLatency.ms;
          out.push({ kind: 'playAt', serverTimeMs: instant - leadMs });
          this.start = Start.pending(instant, leadMs, true);
          this.landing = undefined;
          return;
        }
      } else if (view.localTimeMs - landing.issuedAtMs < this.tolerances.landingWaitMs) {
        return; // the player has not taken the seek yet
      } else {
        // It cannot go there (a source that cannot seek, a frame past its end): better out of step than stopped.
        this.landing = undefined;
        out.push({ kind: 'play' });
        return;
      }
    }
    const aheadMs = (this.seekLatency.worstRecentMs + this.startLatency.ms + this.tolerances.catchUpMarginMs) * timeline.rate;
    const sent: Landing = { positionMs: expectedMs + aheadMs, issuedAtMs: view.localTimeMs };
    this.landing = sent;
    this.seek(sent.positionMs, view, out);
  }

  private holdAt(timeline: Timeline, view: PlayerView, out: PlayerCommand[]): void {
    if (!view.paused) out.push({ kind: 'pause' });
    this.nudging.drop();
    this.switches.setRate(timeline.rate, view, out);
    this.lastError = view.positionMs - timeline.anchorPositionMs;
    if (Math.abs(this.lastError) > this.tolerances.pausedToleranceMs) {
      this.seek(timeline.anchorPositionMs, view, out);
    }
  }

  private seek(position: number, view: PlayerView, out: PlayerCommand[]): void {
    out.push({ kind: 'seek', positionMs: Math.max(0, position) });
    this.seekLatency.asked(view.localTimeMs);
    this.seekedAfterPrevious = true;
    this.switches.voidUnderWay();
  }
}
