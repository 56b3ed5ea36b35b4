import { FASTER, SLOWER } from './switchCosts';
import { BROWSER_PLAYER, type PlayerTraits } from './playerTraits';
import { RateSwitches } from './rateSwitches';
import { isScheduled, positionAt, type Timeline } from './timeline';
import { RestingError } from './restingError';
import type { Tolerances } from './tolerances';

/** A reading of the player at one instant; localTimeMs on the local clock. */
export interface PlayerView {
  readonly paused: boolean;
  /** True while the player cannot play: seeking, or stalled for data. */
  readonly busy: boolean;
  readonly positionMs: number;
  readonly rate: number;
  readonly localTimeMs: number;
}

/** What the controller asks the player to do. Applying these must never produce an intent. */
export type PlayerCommand =
  | { readonly kind: 'pause' }
  | { readonly kind: 'play' }
  | { readonly kind: 'playAt'; readonly serverTimeMs: number }
  | { readonly kind: 'seek'; readonly positionMs: number }
  | { readonly kind: 'rate'; readonly rate: number };

/** A held nudge is aimed again once the error has grown to this many times what it was chosen for. */
const REAIM_GROWTH = 2;
/** A nudge is given this many of its time constants to remove half its error before it is taken for one without effect. */
const NUDGE_PATIENCE = 2;
/**
 * Keeps one player on the room's timeline; a line-by-line port of
 * core/.../sync/SyncController.java (the Java simulator measures the same rules):
 * an error past the dead band (20 ms) corrected at once; inside it, a resting player trimmed when its
 * mean error over a window exceeds twice the clock estimate's uncertainty or three times the spread of its
 * rate-switch jumps (5-20 ms); one proportional rate nudge held until the error crosses its target (each rate
 * switch costs a jump, so rates change twice per correction), seeks for errors over 100 ms (a stall)
 * aimed ahead by the measured seek latency, scheduled starts on the shared instant: play() is called ahead of
 * it by the player's start latency, learned from the error once the start has settled. A paused
 * player on a playing timeline (late join, new source, after a stall) lands paused on a frame ahead
 * and starts on the instant the timeline gets there, like a scheduled start.
 */
export class SyncController {
  private seekLatency: number;
  /** The last seek's latency as measured, unsmoothed: a fresh source's first seeks are the slowest. */
  private lastSeek = 0;
  /** The version of the timeline of the last step: a new one drops what was planned for the old. */
  private seenVersion = -1;
  /** Where a catching-up player was sent to land, paused (NaN: not catching up), and when. */
  private landing = NaN;
  private landingIssuedAt = 0;
  /** The pending start is a catch-up's (planned on this timeline), not the room's scheduled one. */
  private catchUpStart = false;
  /** A seek while playing, from where to where, whose effect the next step checks (NaN: none). */
  private seekFrom = 0;
  private seekTo = NaN;
  /** When (server time) the timeline reaches the frame the last seek while playing was aimed at (NaN: none pending). */
  private seekLandsAt = NaN;
  /** Seeks in a row on this timeline that did not move the player half way to their target. */
  private seeksWithoutEffect = 0;
  private startLatency: number;
  private startLearned = false;
  /** How far ahead of the anchor the pending (or last) start was issued. */
  private startLead = 0;
  private settleUntil = NaN;
  /** The switch under way and what this player's switches cost (Chromium's kinds differ: see switchCosts). */
  private readonly switches: RateSwitches;
  /** The timeline's rate at the last step: what a switch left or went back to. */
  private nominalRate = 1;
  private nudgeDirection = 0;
  /** The error (from the target) the held nudge's rate was chosen for. */
  private nudgeAim = 0;
  /** When (player's local time) the held nudge's rate was chosen, and that rate. */
  private nudgeAimedAt = 0;
  private nudgeRate = 1;
  private scheduledStart = NaN;
  private seekIssuedAt = NaN;
  /** A seek went with the last step's commands: the next reading's move is the seek's, not a switch's. */
  private seekedAfterPrevious = false;
  private lastError = 0;
  /** The clock estimate's uncertainty, as the client last told it (NaN: not told: the widest band). */
  private clockUncertainty = NaN;
  private readonly resting = new RestingError();
  /** This step found the player at rest: its reading counts toward the resting error. */
  private atRest = false;
  /** The player has been within the seek threshold on this timeline: a later seek corrects drift. */
  private followingTimeline = false;
  private nudgeCount = 0;
  private seekCount = 0;

  /** @param traits what this kind of player is like until its own readings say otherwise */
  constructor(private readonly tolerances: Tolerances, traits: PlayerTraits = BROWSER_PLAYER) {
    this.seekLatency = tolerances.initialSeekLatencyMs;
    this.startLatency = traits.startLatencyMs;
    this.switches = new RateSwitches(tolerances, traits);
  }

  get lastErrorMs(): number {
    return this.lastError;
  }

  get seekLatencyMs(): number {
    return this.seekLatency;
  }

  get startLatencyMs(): number {
    return this.startLatency;
  }

  get switchJumpMs(): number {
    return this.switches.meanJumpMs;
  }

  /** Corrections by rate since this controller began: each nudge counts once, however long it is held. */
  get nudges(): number {
    return this.nudgeCount;
  }

  /**
   * Seeks since this controller began that brought a playing player back onto a timeline it had been
   * following (within the seek threshold); seeks that follow the room (its seek, a new video, a late
   * join, a paused position) do not count.
   */
  get seeks(): number {
    return this.seekCount;
  }

  /** How uncertain the client's estimate of the server clock is (ClockEstimator.uncertaintyMs): sizes the dead band. */
  set clockUncertaintyMs(ms: number) {
    this.clockUncertainty = ms;
  }

  /** An error beyond this is corrected at once, judged on one reading. */
  get deadBandMs(): number {
    return this.tolerances.deadBandMs;
  }

  /**
   * A resting player whose mean error over a window exceeds this is trimmed: twice the clock's
   * uncertainty or three times the spread of its rate-switch jumps, within [minDeadBandMs, deadBandMs];
   * the dead band until the clock's uncertainty is told.
   */
  get trimBandMs(): number {
    // Until a whole correction (out and back) has shown what this player's switches cost, a trim cannot be aimed
    // unless its kind's were measured before (see RateSwitches.java).
    if (Number.isNaN(this.clockUncertainty) || !this.switches.enoughToTrim) return this.tolerances.deadBandMs;
    const wanted = Math.max(2 * this.clockUncertainty, 3 * this.switches.spreadMs);
    return Math.min(this.tolerances.deadBandMs, Math.max(this.tolerances.minDeadBandMs, wanted));
  }

  step(timeline: Timeline, serverNowMs: number, view: PlayerView): PlayerCommand[] {
    this.atRest = false;
    const out = this.decide(timeline, serverNowMs, view);
    if (!this.atRest) this.resting.reset();
    return out;
  }

  private decide(timeline: Timeline, serverNowMs: number, view: PlayerView): PlayerCommand[] {
    this.switches.learn(view, this.seekedAfterPrevious, this.nominalRate);
    this.nominalRate = timeline.rate;
    this.seekedAfterPrevious = false;
    const out: PlayerCommand[] = [];
    if (view.busy || timeline.mediaId === undefined) return out;
    if (!Number.isNaN(this.seekIssuedAt)) this.seekFinished(view.localTimeMs);
    const newTimeline = timeline.version !== this.seenVersion;
    if (newTimeline) {
      this.seenVersion = timeline.version;
      this.landing = NaN;
      this.seeksWithoutEffect = 0;
      this.followingTimeline = false;
      this.seekLandsAt = NaN;
    }

    const scheduled = isScheduled(timeline, serverNowMs);
    if (scheduled && this.scheduledStart === timeline.anchorTimeMs && serverNowMs >= timeline.anchorTimeMs - this.startLead) {
      return out; // started ahead of the instant by the start latency: coming up to speed
    }
    if (timeline.state !== 'playing' || scheduled) {
      // A start still pending from an earlier timeline must not fire into this one.
      if (view.paused && !Number.isNaN(this.scheduledStart) && !scheduled) out.push({ kind: 'pause' });
      this.holdAt(timeline, view, out);
      if (scheduled && this.scheduledStart !== timeline.anchorTimeMs) {
        this.startLead = this.startLatency;
        out.push({ kind: 'playAt', serverTimeMs: timeline.anchorTimeMs - this.startLead });
        this.scheduledStart = timeline.anchorTimeMs;
        this.catchUpStart = false;
      }
      if (!scheduled) this.scheduledStart = NaN;
      this.settleUntil = NaN;
      return out;
    }
    if (!Number.isNaN(this.scheduledStart)) {
      // A catch-up start planned on an older timeline is cancelled and planned again on this one.
      const stale = this.catchUpStart && newTimeline;
      if (view.paused && serverNowMs < this.scheduledStart + this.tolerances.startFiringMs && !stale) return out; // the start is firing right now
      if (view.paused && stale) out.push({ kind: 'pause' });
      this.settleUntil = this.scheduledStart + this.tolerances.startSettleMs;
      this.scheduledStart = NaN;
    }
    const expected = positionAt(timeline, serverNowMs);
    this.lastError = view.positionMs - expected;
    if (view.paused) {
      this.catchUp(timeline, serverNowMs, expected, view, out);
      return out;
    }
    this.landing = NaN;
    const far = Math.abs(this.lastError) > this.tolerances.seekThresholdMs;
    if (!Number.isNaN(this.seekTo)) {
      // Without effect: the player did not get even half way to where it was sent (a slow seek gets
      // there and is merely late, which the next seek, aimed by the learned latency, makes up).
      const moved = Math.abs(view.positionMs - this.seekFrom) >= Math.abs(this.seekTo - this.seekFrom) / 2;
      this.seeksWithoutEffect = far && !moved ? this.seeksWithoutEffect + 1 : 0;
      this.seekTo = NaN;
    }
    if (this.waitingForSeekToLand(serverNowMs)) return out;
    if (!far) this.followingTimeline = true;
    if (far) {
      this.seekOnto(timeline, serverNowMs, expected, view, out);
      return out;
    }
    let band = this.deadBandMs;
    if (!Number.isNaN(this.settleUntil)) {
      if (serverNowMs < this.settleUntil) return out;
      this.learnStartLatency();
      band = Math.min(band, this.tolerances.startBandMs);
    }
    if (this.nudgeWithoutEffect(view, band)) {
      this.seekOnto(timeline, serverNowMs, expected, view, out);
      return out;
    }
    this.nudge(timeline.rate, view, out, band);
    return out;
  }

  /** Seeks a playing player onto the timeline, aimed ahead by its seek latency, at the timeline's rate. */
  private seekOnto(timeline: Timeline, serverNowMs: number, expectedMs: number, view: PlayerView, out: PlayerCommand[]): void {
    // Seeks that change nothing (a source without byte ranges) would restart the video forever.
    if (this.seeksWithoutEffect < this.tolerances.maxSeeksWithoutEffect) {
      // Going to where the room just moved (a seek, a new video) follows it; drifting off it is corrected.
      if (this.followingTimeline) this.seekCount++;
      this.seekFrom = view.positionMs;
      this.seekTo = expectedMs + this.seekLatency * timeline.rate;
      this.seekLandsAt = serverNowMs + this.seekLatency;
      this.seek(this.seekTo, view, out);
    }
    this.setRate(timeline.rate, view, out);
    this.nudgeDirection = 0;
    this.settleUntil = NaN;
  }

  /**
   * A held nudge beyond the band that has not removed half its error in twice the time its rate should take to
   * remove all of it: the player is not following its rate (headless Chromium under a CPU hog sat 30-35 ms behind
   * at 1.06 for 17 s, each nudge after the last), and a seek is the correction left.
   */
  private nudgeWithoutEffect(view: PlayerView, bandMs: number): boolean {
    return this.nudgeDirection !== 0 && Math.abs(this.lastError) > bandMs
      && view.localTimeMs - this.nudgeAimedAt >= NUDGE_PATIENCE * this.tolerances.nudgeTimeConstantMs
      && (this.lastError - this.nudgeTarget()) / this.nudgeAim > 0.5; // more than half of it left, on the side it was aimed at
  }

  /**
   * A seek while playing is aimed ahead by the seek latency: until the timeline reaches that frame the player waits on
   * it, ahead, and is left alone. Judged meanwhile, a page seeked out of a stall under the delay (80-110 ms ahead on
   * its frame for 140 ms) was nudged slower, came out 30 ms behind and took 900-1,100 ms to recover (issue 21); one
   * 107 ms ahead would have been seeked back. A player behind by more than the seek threshold is seeked again.
   */
  private waitingForSeekToLand(serverNowMs: number): boolean {
    if (Number.isNaN(this.seekLandsAt)) return false;
    if (serverNowMs < this.seekLandsAt && this.lastError >= -this.tolerances.seekThresholdMs) return true;
    this.seekLandsAt = NaN;
    return false;
  }

  /** The player reported the end of a seek this controller asked for. */
  seekFinished(localTimeMs: number): void {
    if (Number.isNaN(this.seekIssuedAt)) return;
    const latency = localTimeMs - this.seekIssuedAt;
    if (latency >= 0 && latency < this.tolerances.maxSeekLatencyMs) {
      this.seekLatency += this.tolerances.smoothing * (latency - this.seekLatency);
      this.lastSeek = latency;
    }
    this.seekIssuedAt = NaN;
  }

  /** The error once a start has settled says how much earlier (or later) play() should have been called. */
  private learnStartLatency(): void {
    this.settleUntil = NaN;
    const measured = Math.min(this.tolerances.maxStartLatencyMs, Math.max(0, this.startLead - this.lastError));
    this.startLatency = this.startLearned
      ? this.startLatency + this.tolerances.smoothing * (measured - this.startLatency)
      : measured;
    this.startLearned = true;
  }

  /**
   * A paused player on a playing timeline: once it has landed on the frame it was sent to, it starts
   * on the instant the timeline gets there (ahead by its start latency); otherwise it is sent ahead.
   */
  private catchUp(timeline: Timeline, serverNowMs: number, expectedMs: number, view: PlayerView, out: PlayerCommand[]): void {
    this.nudgeDirection = 0;
    this.settleUntil = NaN;
    this.setRate(timeline.rate, view, out);
    if (!Number.isNaN(this.landing)) {
      if (Math.abs(view.positionMs - this.landing) <= this.tolerances.pausedToleranceMs) {
        const instant = timeline.anchorTimeMs + (this.landing - timeline.anchorPositionMs) / timeline.rate;
        if (instant - this.startLatency > serverNowMs) {
          this.startLead = this.startLatency;
          out.push({ kind: 'playAt', serverTimeMs: instant - this.startLead });
          this.scheduledStart = instant;
          this.catchUpStart = true;
          this.landing = NaN;
          return;
        }
      } else if (view.localTimeMs - this.landingIssuedAt < this.tolerances.landingWaitMs) {
        return; // the player has not taken the seek yet
      } else {
        // It cannot go there (a source that cannot seek, a frame past its end): better out of step than stopped.
        this.landing = NaN;
        out.push({ kind: 'play' });
        return;
      }
    }
    const seekMs = Math.max(this.seekLatency, this.lastSeek);
    this.landing = expectedMs + (seekMs + this.startLatency + this.tolerances.catchUpMarginMs) * timeline.rate;
    this.landingIssuedAt = view.localTimeMs;
    this.seek(this.landing, view, out);
  }

  private holdAt(timeline: Timeline, view: PlayerView, out: PlayerCommand[]): void {
    if (!view.paused) out.push({ kind: 'pause' });
    this.nudgeDirection = 0;
    this.setRate(timeline.rate, view, out);
    this.lastError = view.positionMs - timeline.anchorPositionMs;
    if (Math.abs(this.lastError) > this.tolerances.pausedToleranceMs) {
      this.seek(timeline.anchorPositionMs, view, out);
    }
  }

  /**
   * Corrects an error beyond `bandMs` at once, and a resting player's lasting error beyond its trim
   * band, with a rate held until the error crosses its target.
   */
  private nudge(nominal: number, view: PlayerView, out: PlayerCommand[], bandMs: number): void {
    if (this.switches.underWay(view)) return;
    if (this.nudgeDirection !== 0) {
      const target = this.nudgeTarget();
      const crossed = this.nudgeDirection > 0 ? this.lastError >= target : this.lastError <= target;
      if (crossed) {
        this.nudgeDirection = 0;
        this.setRate(nominal, view, out);
        return;
      }
      // Aimed again once the error has grown past the band to twice what the rate was chosen for: a
      // page slipping under CPU load while sped up gently sat 30-45 ms behind for seconds (issue 21).
      const off = this.lastError - target;
      if (Math.abs(this.lastError) > bandMs && Math.abs(off) >= REAIM_GROWTH * Math.abs(this.nudgeAim)) {
        this.aimNudge(nominal, off, view, out);
      }
      return;
    }
    if (Math.abs(this.lastError) > bandMs) {
      // Beyond the band something is done even when the learned costs say no rate lands closer (they may be off).
      if (!this.startNudgeFrom(nominal, this.lastError, view, out)) this.startNudge(nominal, this.lastError, view, out);
      return;
    }
    this.setRate(nominal, view, out);
    this.atRest = true;
    const mean = this.resting.add(this.lastError, view.localTimeMs, this.tolerances.trimWindowMs);
    if (Math.abs(mean) > this.trimBandMs) this.startNudgeFrom(nominal, mean, view, out);
  }

  /**
   * Starts the nudge that lands a player `errorMs` off back on the timeline: the direction whose two switches
   * (into the rate, and back) cost what the rate then makes up. A player a little ahead may need speeding up
   * (a round trip costs more than it is ahead), one far ahead slowing down. False, and nothing done, when no
   * direction lands closer.
   */
  private startNudgeFrom(nominal: number, errorMs: number, view: PlayerView, out: PlayerCommand[]): boolean {
    const offFaster = errorMs + this.switches.roundTripMs(FASTER);
    const offSlower = errorMs + this.switches.roundTripMs(SLOWER);
    if (offFaster < 0) this.startNudge(nominal, offFaster, view, out);
    else if (offSlower > 0) this.startNudge(nominal, offSlower, view, out);
    else return false;
    return true;
  }

  /** Where the held nudge lets go: the error from which switching back lands on the timeline. */
  private nudgeTarget(): number {
    return -this.switches.backMs(this.nudgeDirection > 0 ? FASTER : SLOWER, this.nudgeRate, this.nominalRate);
  }

  /** A rate that removes `offMs` in about the nudge time constant, held until the error crosses its target. */
  private startNudge(nominal: number, offMs: number, view: PlayerView, out: PlayerCommand[]): void {
    this.resting.reset();
    this.nudgeCount++;
    this.aimNudge(nominal, offMs, view, out);
  }

  /** Sets the rate of a nudge (new or held) for an error of `offMs` from its target. */
  private aimNudge(nominal: number, offMs: number, view: PlayerView, out: PlayerCommand[]): void {
    const max = this.tolerances.maxNudge;
    const relative = Math.min(max, Math.max(-max, -offMs / this.tolerances.nudgeTimeConstantMs));
    this.nudgeDirection = relative > 0 ? 1 : -1;
    this.nudgeAim = offMs;
    this.nudgeAimedAt = view.localTimeMs;
    this.nudgeRate = nominal * (1 + relative);
    this.setRate(this.nudgeRate, view, out);
  }

  private seek(position: number, view: PlayerView, out: PlayerCommand[]): void {
    out.push({ kind: 'seek', positionMs: Math.max(0, position) });
    this.seekIssuedAt = view.localTimeMs;
    this.seekedAfterPrevious = true;
    this.switches.voidUnderWay();
  }

  private setRate(rate: number, view: PlayerView, out: PlayerCommand[]): void {
    if (view.rate === rate) return;
    out.push({ kind: 'rate', rate });
    this.switches.switched(rate, view);
  }
}
