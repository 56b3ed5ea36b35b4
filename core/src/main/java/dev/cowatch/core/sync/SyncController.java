package dev.cowatch.core.sync;

import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Timeline;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps one player on the room's timeline (DESIGN.md section 3). Called every few tens of
 * milliseconds with the timeline, the estimated server time and a reading of the player; answers
 * with commands for the player. Deterministic: time comes in as arguments.
 *
 * <p>Playing: an error inside the dead band is left alone; a moderate one is nudged away with a
 * playbackRate a few percent off, held until the error crosses its target (each rate switch
 * costs a jump, so the rate changes twice per correction, never continuously); a large one (a
 * stall, 100 ms or more) is seeked away, aiming ahead by the measured seek latency. The target of a
 * nudge is the negated mean jump a rate switch causes, measured on this player, so that the switch
 * back lands on zero: a correction brings the player onto the room, not just back inside the band.
 * An error beyond the dead band (deadBandMs) is corrected at once. Inside it, a player at rest is
 * trimmed toward the room when its mean error over a window (trimWindowMs) exceeds its trim band:
 * twice the clock estimate's uncertainty (told by the client, from its samples' spread) or three
 * times the spread of this player's rate-switch jumps, whichever is more, within [minDeadBandMs,
 * deadBandMs]: a player cannot know the room's position better than its clock, nor land a
 * correction closer than its switches allow, and need not rest further off than that. Single
 * readings jitter; a window's mean does not, so a trim chases a lasting error, not noise.
 *
 * <p>Scheduled starts: the player is paused on the anchor frame and told to play ahead of the
 * shared instant by its start latency (play() until its clock runs at speed), learned from the
 * error once each start has settled; until then the start is left alone.
 *
 * <p>Catching up: a paused player on a playing timeline (a late joiner, a new source, after a
 * stall or a refused autoplay) does not seek and play at once, which lands it a seek's and a
 * start's latency behind, hundreds of ms on a fresh source, for a nudge to work off over seconds.
 * It lands paused on a frame ahead of the timeline, then starts like a scheduled start on the
 * instant the timeline reaches that frame. A landing too late for its instant is planned again
 * further ahead, with the seek latency it taught.
 *
 * <p>Not thread-safe: one controller per player, called from one thread.
 */
public final class SyncController {
  /**
   * A held nudge is aimed again once the error has grown to this many times what it was chosen for
   * (and past the dead band): a page that keeps slipping under CPU load while it is sped up gently
   * sat 30-45 ms behind at 1.026 for seconds (issue 21's bench). Twice, so a switch's own jump does not
   * set it off.
   */
  static final double REAIM_GROWTH = 2;
  /** A nudge is given this many of its time constants to remove half its error before it is taken for one without effect. */
  static final double NUDGE_PATIENCE = 2;
  private final Tolerances tolerances;
  private final RateSwitches switches;
  private double seekLatencyMs;
  /** The last seek's latency as measured, unsmoothed: a fresh source's first seeks are the slowest. */
  private double lastSeekMs;
  private double startLatencyMs;
  private boolean startLearned;
  /** How far ahead of the anchor the pending (or last) start was issued. */
  private double startLeadMs;
  private double settleUntilMs = Double.NaN;
  /** The timeline's rate at the last step: what a switch left or went back to. */
  private double nominalRate = 1.0;
  private int nudgeDirection; // -1 slowing down, +1 speeding up, 0 at nominal rate
  /** The error (from the target) the held nudge's rate was chosen for. */
  private double nudgeAimMs;
  /** When (player's local time) the held nudge's rate was chosen, and that rate. */
  private double nudgeAimedAtMs;
  private double nudgeRate = 1.0;
  private double scheduledStartMs = Double.NaN;
  private double seekIssuedAtMs = Double.NaN;
  /** The version of the timeline of the last step: a new one drops what was planned for the old. */
  private long seenVersion = -1;
  /** Where a catching-up player was sent to land, paused (NaN: not catching up), and when. */
  private double landingMs = Double.NaN;
  private double landingIssuedAtMs;
  /** The pending start is a catch-up's (planned on this timeline), not the room's scheduled one. */
  private boolean catchUpStart;
  /** A seek while playing, from where to where, whose effect the next step checks (NaN: none). */
  private double seekFromMs;
  private double seekToMs = Double.NaN;
  /** When (server time) the timeline reaches the frame the last seek while playing was aimed at (NaN: none pending). */
  private double seekLandsAtMs = Double.NaN;
  /** Seeks in a row on this timeline that did not move the player half way to their target. */
  private int seeksWithoutEffect;
  /** A seek went with the last step's commands: the next reading's move is the seek's, not a switch's. */
  private boolean seekedAfterPrevious;
  private double lastErrorMs;
  /** The clock estimate's uncertainty, as the client last told it (NaN: not told: the widest band). */
  private double clockUncertaintyMs = Double.NaN;
  private final RestingError resting = new RestingError();
  /** This step found the player at rest: its reading counts toward the resting error. */
  private boolean atRest;
  /** The player has been within the seek threshold on this timeline: a later seek corrects drift. */
  private boolean followingTimeline;
  private long nudges;
  private long seeks;

  /** For a player that starts and switches on the instant (the simulated one). */
  public SyncController(Tolerances tolerances) {
    this(tolerances, PlayerTraits.AT_ONCE);
  }

  /** @param traits what this kind of player is like until its own readings say otherwise */
  public SyncController(Tolerances tolerances, PlayerTraits traits) {
    this.tolerances = tolerances;
    this.seekLatencyMs = tolerances.initialSeekLatencyMs();
    this.startLatencyMs = traits.startLatencyMs();
    this.switches = new RateSwitches(tolerances, traits);
  }

  public List<PlayerCommand> step(Timeline timeline, double serverNowMs, PlayerView view) {
    atRest = false;
    List<PlayerCommand> out = decide(timeline, serverNowMs, view);
    if (!atRest) resting.reset();
    return out;
  }

  private List<PlayerCommand> decide(Timeline timeline, double serverNowMs, PlayerView view) {
    switches.learn(view, seekedAfterPrevious, nominalRate);
    nominalRate = timeline.rate();
    seekedAfterPrevious = false;
    List<PlayerCommand> out = new ArrayList<>(3);
    if (view.seeking() || !timeline.hasMedia()) return out;
    if (!Double.isNaN(seekIssuedAtMs)) seekFinished(view.localTimeMs());
    boolean newTimeline = timeline.version() != seenVersion;
    if (newTimeline) {
      seenVersion = timeline.version();
      landingMs = Double.NaN;
      seeksWithoutEffect = 0;
      followingTimeline = false;
      seekLandsAtMs = Double.NaN;
    }

    boolean scheduled = timeline.state() == PlaybackState.PLAYING && serverNowMs < timeline.anchorTimeMs();
    if (scheduled && scheduledStartMs == timeline.anchorTimeMs() && serverNowMs >= timeline.anchorTimeMs() - startLeadMs) {
      return out; // started ahead of the instant by the start latency: coming up to speed
    }
    if (timeline.state() != PlaybackState.PLAYING || scheduled) {
      // A start still pending from an earlier timeline must not fire into this one.
      if (view.paused() && !Double.isNaN(scheduledStartMs) && !scheduled) out.add(new PlayerCommand.Pause());
      holdAt(timeline, view, out);
      if (scheduled && scheduledStartMs != timeline.anchorTimeMs()) {
        startLeadMs = startLatencyMs;
        out.add(new PlayerCommand.PlayAt(timeline.anchorTimeMs() - startLeadMs));
        scheduledStartMs = timeline.anchorTimeMs();
        catchUpStart = false;
      }
      if (!scheduled) scheduledStartMs = Double.NaN;
      settleUntilMs = Double.NaN;
      return out;
    }
    if (!Double.isNaN(scheduledStartMs)) {
      // A catch-up start planned on an older timeline is cancelled and planned again on this one.
      boolean stale = catchUpStart && newTimeline;
      if (view.paused() && serverNowMs < scheduledStartMs + tolerances.startFiringMs() && !stale) return out; // the start is firing right now
      if (view.paused() && stale) out.add(new PlayerCommand.Pause());
      settleUntilMs = scheduledStartMs + tolerances.startSettleMs();
      scheduledStartMs = Double.NaN;
    }
    double expected = timeline.positionAt(serverNowMs);
    lastErrorMs = view.positionMs() - expected;
    if (view.paused()) {
      catchUp(timeline, serverNowMs, expected, view, out);
      return out;
    }
    landingMs = Double.NaN;
    boolean far = Math.abs(lastErrorMs) > tolerances.seekThresholdMs();
    if (!Double.isNaN(seekToMs)) {
      // Without effect: the player did not get even half way to where it was sent (a slow seek gets
      // there and is merely late, which the next seek, aimed by the learned latency, makes up).
      boolean moved = Math.abs(view.positionMs() - seekFromMs) >= Math.abs(seekToMs - seekFromMs) / 2;
      seeksWithoutEffect = far && !moved ? seeksWithoutEffect + 1 : 0;
      seekToMs = Double.NaN;
    }
    if (waitingForSeekToLand(serverNowMs)) return out;
    if (!far) followingTimeline = true;
    if (far) {
      seekOnto(timeline, serverNowMs, expected, view, out);
      return out;
    }
    double band = deadBandMs();
    if (!Double.isNaN(settleUntilMs)) {
      if (serverNowMs < settleUntilMs) return out;
      learnStartLatency();
      band = Math.min(band, tolerances.startBandMs());
    }
    if (nudgeWithoutEffect(view, band)) {
      seekOnto(timeline, serverNowMs, expected, view, out);
      return out;
    }
    nudge(timeline.rate(), view, out, band);
    return out;
  }

  /** Seeks a playing player onto the timeline, aimed ahead by its seek latency, at the timeline's rate. */
  private void seekOnto(Timeline timeline, double serverNowMs, double expectedMs, PlayerView view,
      List<PlayerCommand> out) {
    // Seeks that change nothing (a source without byte ranges) would restart the video forever.
    if (seeksWithoutEffect < tolerances.maxSeeksWithoutEffect()) {
      // Going to where the room just moved (a seek, a new video) follows it; drifting off it is corrected.
      if (followingTimeline) seeks++;
      seekFromMs = view.positionMs();
      seekToMs = expectedMs + seekLatencyMs * timeline.rate();
      seekLandsAtMs = serverNowMs + seekLatencyMs;
      seek(seekToMs, view, out);
    }
    setRate(timeline.rate(), view, out);
    nudgeDirection = 0;
    settleUntilMs = Double.NaN;
  }

  /**
   * A held nudge beyond the band that has not removed half its error in twice the time its rate should
   * take to remove all of it: the player is not following its rate (headless Chromium under a CPU hog
   * sat 30-35 ms behind at 1.06 for 17 s, each nudge after the last), and a seek is the correction left.
   */
  private boolean nudgeWithoutEffect(PlayerView view, double bandMs) {
    return nudgeDirection != 0 && Math.abs(lastErrorMs) > bandMs
        && view.localTimeMs() - nudgeAimedAtMs >= NUDGE_PATIENCE * tolerances.nudgeTimeConstantMs()
        && (lastErrorMs - nudgeTargetMs()) / nudgeAimMs > 0.5; // more than half of it left, on the side it was aimed at
  }

  /**
   * A seek while playing is aimed ahead by the seek latency: until the timeline reaches that frame the player waits on
   * it, ahead, and is left alone. Judged meanwhile, a page seeked out of a stall under the delay (80-110 ms ahead on
   * its frame for 140 ms) was nudged slower, came out 30 ms behind and took 900-1,100 ms to recover (issue 21); one
   * 107 ms ahead would have been seeked back. A player behind by more than the seek threshold is seeked again.
   */
  private boolean waitingForSeekToLand(double serverNowMs) {
    if (Double.isNaN(seekLandsAtMs)) return false;
    if (serverNowMs < seekLandsAtMs && lastErrorMs >= -tolerances.seekThresholdMs()) return true;
    seekLandsAtMs = Double.NaN;
    return false;
  }

  /** The player reported the end of a seek this controller asked for. */
  public void seekFinished(double localTimeMs) {
    if (Double.isNaN(seekIssuedAtMs)) return;
    double latency = localTimeMs - seekIssuedAtMs;
    if (latency >= 0 && latency < tolerances.maxSeekLatencyMs()) {
      seekLatencyMs += tolerances.smoothing() * (latency - seekLatencyMs);
      lastSeekMs = latency;
    }
    seekIssuedAtMs = Double.NaN;
  }

  /**
   * How uncertain the client's estimate of the server clock is, in ms ({@link ClockEstimator#uncertaintyMs()}):
   * the dead band follows it from the next step on.
   */
  public void clockUncertaintyMs(double uncertaintyMs) {
    clockUncertaintyMs = uncertaintyMs;
  }

  /** An error beyond this is corrected at once, judged on one reading. */
  public double deadBandMs() {
    return tolerances.deadBandMs();
  }

  /**
   * A resting player whose mean error over a window exceeds this is trimmed: twice the clock's
   * uncertainty or three times the spread of this player's rate-switch jumps (a trim costs two
   * switches, each jump off by about the spread, and lands no closer than that, so chasing a smaller error only moves it around), within
   * [minDeadBandMs, deadBandMs]; the dead band until the clock's uncertainty is told.
   */
  public double trimBandMs() {
    // Until a whole correction (out and back) has shown what this player's switches cost, a trim cannot be aimed
    // unless its kind's were measured before: the simulated player's 7-35 ms jumps made early trims land 20 ms off.
    if (Double.isNaN(clockUncertaintyMs) || !switches.enoughToTrim()) return tolerances.deadBandMs();
    return Math.clamp(Math.max(2 * clockUncertaintyMs, 3 * switches.spreadMs()), tolerances.minDeadBandMs(),
        tolerances.deadBandMs());
  }

  /** Player position minus timeline position at the last step, in ms; positive is ahead. */
  public double lastErrorMs() {
    return lastErrorMs;
  }

  /**
   * Corrections by rate since this controller began: each nudge counts once, however long it is held.
   * Clients report these (the room's sync figures, the operator's metrics).
   */
  public long nudges() {
    return nudges;
  }

  /**
   * Seeks since this controller began that brought a playing player back onto a timeline it had been
   * following (within the seek threshold). Seeks that follow the room (its seek, a new video, a late
   * join, a paused position) are not corrections and do not count.
   */
  public long seeks() {
    return seeks;
  }

  public double seekLatencyMs() {
    return seekLatencyMs;
  }

  public double switchJumpMs() {
    return switches.meanJumpMs();
  }

  public double startLatencyMs() {
    return startLatencyMs;
  }

  /** The error once a start has settled says how much earlier (or later) play should have been called. */
  private void learnStartLatency() {
    settleUntilMs = Double.NaN;
    double measured = Math.clamp(startLeadMs - lastErrorMs, 0, tolerances.maxStartLatencyMs());
    startLatencyMs = startLearned ? startLatencyMs + tolerances.smoothing() * (measured - startLatencyMs) : measured;
    startLearned = true;
  }

  /**
   * A paused player on a playing timeline: once it has landed on the frame it was sent to, it starts
   * on the instant the timeline gets there (ahead by its start latency); otherwise it is sent ahead.
   */
  private void catchUp(Timeline timeline, double serverNowMs, double expectedMs, PlayerView view, List<PlayerCommand> out) {
    nudgeDirection = 0;
    settleUntilMs = Double.NaN;
    setRate(timeline.rate(), view, out);
    if (!Double.isNaN(landingMs)) {
      if (Math.abs(view.positionMs() - landingMs) <= tolerances.pausedToleranceMs()) {
        double instant = timeline.anchorTimeMs() + (landingMs - timeline.anchorPositionMs()) / timeline.rate();
        if (instant - startLatencyMs > serverNowMs) {
          startLeadMs = startLatencyMs;
          out.add(new PlayerCommand.PlayAt(instant - startLeadMs));
          scheduledStartMs = instant;
          catchUpStart = true;
          landingMs = Double.NaN;
          return;
        }
      } else if (view.localTimeMs() - landingIssuedAtMs < tolerances.landingWaitMs()) {
        return; // the player has not taken the seek yet
      } else {
        // It cannot go there (a source that cannot seek, a frame past its end): better out of step than stopped.
        landingMs = Double.NaN;
        out.add(new PlayerCommand.Play());
        return;
      }
    }
    double seekMs = Math.max(seekLatencyMs, lastSeekMs);
    landingMs = expectedMs + (seekMs + startLatencyMs + tolerances.catchUpMarginMs()) * timeline.rate();
    landingIssuedAtMs = view.localTimeMs();
    seek(landingMs, view, out);
  }

  private void holdAt(Timeline timeline, PlayerView view, List<PlayerCommand> out) {
    if (!view.paused()) out.add(new PlayerCommand.Pause());
    nudgeDirection = 0;
    setRate(timeline.rate(), view, out);
    lastErrorMs = view.positionMs() - timeline.anchorPositionMs();
    if (Math.abs(lastErrorMs) > tolerances.pausedToleranceMs()) {
      seek(timeline.anchorPositionMs(), view, out);
    }
  }

  /** Corrects an error beyond {@code bandMs} with a rate held until the error crosses its target. */
  private void nudge(double nominal, PlayerView view, List<PlayerCommand> out, double bandMs) {
    if (switches.underWay(view)) return;
    if (nudgeDirection != 0) {
      double target = nudgeTargetMs();
      boolean crossed = nudgeDirection > 0 ? lastErrorMs >= target : lastErrorMs <= target;
      if (crossed) {
        nudgeDirection = 0;
        setRate(nominal, view, out);
        return;
      }
      double off = lastErrorMs - target;
      if (Math.abs(lastErrorMs) > bandMs && Math.abs(off) >= REAIM_GROWTH * Math.abs(nudgeAimMs)) aimNudge(nominal, off, view, out);
      return;
    }
    if (Math.abs(lastErrorMs) > bandMs) {
      // Beyond the band something is done even when the learned costs say no rate lands closer (they may be off).
      if (!startNudgeFrom(nominal, lastErrorMs, view, out)) startNudge(nominal, lastErrorMs, view, out);
      return;
    }
    setRate(nominal, view, out);
    atRest = true;
    double mean = resting.add(lastErrorMs, view.localTimeMs(), tolerances.trimWindowMs());
    if (Math.abs(mean) > trimBandMs()) startNudgeFrom(nominal, mean, view, out);
  }

  /**
   * Starts the nudge that lands a player {@code errorMs} off back on the timeline: the direction whose
   * two switches (into the rate, and back) cost what the rate then makes up. Each switch jumps, so a
   * player a little ahead may need speeding up (a round trip costs more than it is ahead) and one far
   * ahead slowing down. False, and nothing done, when no direction lands closer.
   */
  private boolean startNudgeFrom(double nominal, double errorMs, PlayerView view, List<PlayerCommand> out) {
    double offFaster = errorMs + switches.roundTripMs(SwitchCosts.FASTER);
    double offSlower = errorMs + switches.roundTripMs(SwitchCosts.SLOWER);
    if (offFaster < 0) {
      startNudge(nominal, offFaster, view, out);
    } else if (offSlower > 0) {
      startNudge(nominal, offSlower, view, out);
    } else {
      return false;
    }
    return true;
  }

  /** Where the held nudge lets go: the error from which switching back lands on the timeline. */
  private double nudgeTargetMs() {
    return -switches.backMs(nudgeDirection > 0 ? SwitchCosts.FASTER : SwitchCosts.SLOWER, nudgeRate, nominalRate);
  }

  /** A rate that removes {@code offMs} in about the nudge time constant, held until the error crosses its target. */
  private void startNudge(double nominal, double offMs, PlayerView view, List<PlayerCommand> out) {
    resting.reset();
    nudges++;
    aimNudge(nominal, offMs, view, out);
  }

  /** Sets the rate of a nudge (new or held) for an error of {@code offMs} from its target. */
  private void aimNudge(double nominal, double offMs, PlayerView view, List<PlayerCommand> out) {
    double relative = Math.clamp(-offMs / tolerances.nudgeTimeConstantMs(), -tolerances.maxNudge(), tolerances.maxNudge());
    nudgeDirection = relative > 0 ? 1 : -1;
    nudgeAimMs = offMs;
    nudgeAimedAtMs = view.localTimeMs();
    nudgeRate = nominal * (1 + relative);
    setRate(nudgeRate, view, out);
  }

  private void seek(double position, PlayerView view, List<PlayerCommand> out) {
    out.add(new PlayerCommand.Seek(Math.max(0, position)));
    seekIssuedAtMs = view.localTimeMs();
    seekedAfterPrevious = true;
    switches.voidUnderWay();
  }

  private void setRate(double rate, PlayerView view, List<PlayerCommand> out) {
    if (view.rate() == rate) return;
    out.add(new PlayerCommand.SetRate(rate));
    switches.switched(rate, view);
  }
}
