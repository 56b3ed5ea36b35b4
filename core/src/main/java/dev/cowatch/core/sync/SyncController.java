package dev.cowatch.core.sync;

import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Timeline;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps one player on the room's timeline (docs/architecture.md, "the sync model"). Called every few tens of
 * milliseconds with the timeline, the estimated server time and a reading of the player; answers with commands
 * for the player. Deterministic: time comes in as arguments. The web app's twin is web/src/engine/controller.ts,
 * held to the same behaviour by the shared vectors.
 *
 * <p>Playing: an error inside the dead band is left alone; a moderate one is nudged away by a rate a few percent
 * off ({@link Nudging}); a large one (a stall, past the seek threshold) is seeked away, aimed ahead by the
 * measured seek latency ({@link PlayingSeek}). A nudge's target is the negated jump switching back will cause,
 * so the correction lands on the room, not just inside the band. Inside the dead band a player at rest is
 * trimmed toward the room when its mean error over a window exceeds its trim band ({@link #trimBandMs()}):
 * single readings jitter, a window's mean does not, so a trim chases a lasting error, not noise.
 *
 * <p>Starting: a player is told to play ahead of its instant by its start latency ({@link Start}), learned from
 * the error once the start has settled ({@link StartLatency}). A scheduled timeline is held paused on its anchor
 * frame until then. A paused player on a playing timeline (a late joiner, a new source, after a stall or a refused
 * autoplay) does not seek and play at once, which would land it a seek's and a start's latency behind: it lands
 * paused on a frame ahead ({@link Landing}) and starts on the instant the timeline reaches that frame.
 *
 * <p>Each phase (the nudge in {@link Nudging}; here the landing, the start, the seek while playing) is one
 * nullable value, set and cleared whole; null is "not in that phase". A new timeline version drops what was
 * planned for the old one.
 *
 * <p>Not thread-safe: one controller per player, called from one thread.
 */
public final class SyncController {
  private final Tolerances tolerances;
  private final RateSwitches switches;
  private final SeekLatency seekLatency;
  private final StartLatency startLatency;
  private final Nudging nudging;

  /** Where a paused player catching up was sent to land; null: not catching up. */
  private Landing landing;
  /** The start pending or settling; null: none. Never pending past the step that finds it fired. */
  private Start start;
  /** The last seek while playing, until the next playing reading judges whether it moved the player. */
  private PlayingSeek seekToJudge;
  /** The last seek while playing, until the timeline reaches its frame (the player waits there, left alone). */
  private PlayingSeek seekToAwait;

  /** The version of the timeline of the last step: a new one drops what was planned for the old. */
  private long seenVersion = -1;
  /** Seeks in a row on this timeline that did not move the player half way to their target. */
  private int seeksWithoutEffect;
  /** The player has been within the seek threshold on this timeline: a later seek corrects drift. */
  private boolean followingTimeline;

  /** The timeline's rate at the last step: what a switch left or went back to. */
  private double nominalRate = 1.0;
  /** A seek went with the last step's commands: the next reading's move is the seek's, not a switch's. */
  private boolean seekedAfterPrevious;
  private double lastErrorMs;
  private long seeks;

  /** For a player that starts and switches on the instant (the simulated one). */
  public SyncController(Tolerances tolerances) {
    this(tolerances, PlayerTraits.AT_ONCE);
  }

  /** @param traits what this kind of player is like until its own readings say otherwise */
  public SyncController(Tolerances tolerances, PlayerTraits traits) {
    this.tolerances = tolerances;
    this.switches = new RateSwitches(tolerances, traits);
    this.nudging = new Nudging(tolerances, switches);
    this.seekLatency = new SeekLatency(tolerances);
    this.startLatency = new StartLatency(traits.startLatencyMs());
  }

  public List<PlayerCommand> step(Timeline timeline, double serverNowMs, PlayerView view) {
    nudging.beginStep();
    List<PlayerCommand> out = decide(timeline, serverNowMs, view);
    nudging.endStep();
    return out;
  }

  private List<PlayerCommand> decide(Timeline timeline, double serverNowMs, PlayerView view) {
    switches.learn(view, seekedAfterPrevious, nominalRate);
    nominalRate = timeline.rate();
    seekedAfterPrevious = false;
    List<PlayerCommand> out = new ArrayList<>(3);
    if (!timeline.hasMedia()) return out;
    if (view.seeking()) {
      // Left to finish what it is doing, but not to play on through a person's pause; not while the room waits for it
      // (the web twin says why both).
      if (!view.paused() && timeline.state() == PlaybackState.PAUSED) out.add(new PlayerCommand.Pause());
      return out;
    }
    seekLatency.finished(view.localTimeMs()); // a reading that is not seeking ends the seek asked for, if any
    boolean newTimeline = timeline.version() != seenVersion;
    if (newTimeline) {
      seenVersion = timeline.version();
      landing = null;
      seekToAwait = null;
      seeksWithoutEffect = 0;
      followingTimeline = false;
    }
    boolean scheduled = timeline.state() == PlaybackState.PLAYING && serverNowMs < timeline.anchorTimeMs();
    if (timeline.state() != PlaybackState.PLAYING || scheduled) {
      hold(timeline, serverNowMs, scheduled, view, out);
      return out;
    }
    if (start instanceof Start.Pending pending) {
      // A catch-up start planned on an older timeline is cancelled and planned again on this one.
      boolean stale = pending.catchUp() && newTimeline;
      if (view.paused() && serverNowMs < pending.instantMs() + tolerances.startFiringMs() && !stale) return out; // firing now
      if (view.paused() && stale) out.add(new PlayerCommand.Pause());
      start = pending.settling(tolerances);
    }
    double expected = timeline.positionAt(serverNowMs);
    lastErrorMs = view.positionMs() - expected;
    if (view.paused()) {
      catchUp(timeline, serverNowMs, expected, view, out);
    } else {
      follow(timeline, serverNowMs, expected, view, out);
    }
    return out;
  }

  /**
   * A paused, waiting or scheduled timeline: the player waits paused on the anchor frame. A scheduled one is
   * started once, ahead of its instant by the start latency, and left alone from then on.
   */
  private void hold(Timeline timeline, double serverNowMs, boolean scheduled, PlayerView view, List<PlayerCommand> out) {
    double anchorTimeMs = timeline.anchorTimeMs();
    Start.Pending planned = scheduled && start instanceof Start.Pending p && p.instantMs() == anchorTimeMs ? p : null;
    if (planned != null && serverNowMs >= anchorTimeMs - planned.leadMs()) return; // started: coming up to speed
    // A start still pending from an earlier timeline must not fire into this one.
    if (view.paused() && start instanceof Start.Pending && !scheduled) out.add(new PlayerCommand.Pause());
    holdAt(timeline, view, out);
    if (scheduled && planned == null) {
      double leadMs = startLatency.ms();
      out.add(new PlayerCommand.PlayAt(anchorTimeMs - leadMs));
      start = new Start.Pending(anchorTimeMs, leadMs, false);
    }
    if (!scheduled) start = null;
  }

  /** A playing player on a playing timeline: seeked when far off, nudged when off, trimmed when at rest. */
  private void follow(Timeline timeline, double serverNowMs, double expectedMs, PlayerView view, List<PlayerCommand> out) {
    landing = null;
    boolean far = Math.abs(lastErrorMs) > tolerances.seekThresholdMs();
    if (seekToJudge != null) {
      seeksWithoutEffect = far && !seekToJudge.moved(view.positionMs()) ? seeksWithoutEffect + 1 : 0;
      seekToJudge = null;
    }
    if (waitingForSeekToLand(serverNowMs)) return;
    if (!far) followingTimeline = true;
    if (far) {
      seekOnto(timeline, serverNowMs, expectedMs, view, out);
      return;
    }
    double band = deadBandMs();
    if (start instanceof Start.Settling settling) {
      if (serverNowMs < settling.untilMs()) return;
      startLatency.learn(settling.leadMs(), lastErrorMs, tolerances);
      start = null;
      band = Math.min(band, tolerances.startBandMs());
    }
    if (nudging.withoutEffect(lastErrorMs, nominalRate, view.localTimeMs(), band)) {
      seekOnto(timeline, serverNowMs, expectedMs, view, out); // a seek is the correction left
      return;
    }
    nudging.correct(lastErrorMs, timeline.rate(), view, out, band);
  }

  /**
   * Seeks a playing player onto the timeline, aimed ahead by its seek latency, at the timeline's rate. After
   * maxSeeksWithoutEffect seeks that changed nothing (a source without byte ranges) it seeks no more on this
   * timeline: each would restart the video.
   */
  private void seekOnto(Timeline timeline, double serverNowMs, double expectedMs, PlayerView view,
      List<PlayerCommand> out) {
    if (seeksWithoutEffect < tolerances.maxSeeksWithoutEffect()) {
      // Going to where the room just moved (a seek, a new video) follows it; drifting off it is corrected.
      if (followingTimeline) seeks++;
      PlayingSeek sent = new PlayingSeek(view.positionMs(), expectedMs + seekLatency.ms() * timeline.rate(),
          serverNowMs + seekLatency.ms());
      seekToJudge = sent;
      seekToAwait = sent;
      seek(sent.toMs(), view, out);
    }
    switches.setRate(timeline.rate(), view, out);
    nudging.drop();
    start = null; // a settling start's error is now the seek's
  }

  /**
   * While the timeline has not reached the frame a seek while playing was aimed at, the player waits on it,
   * ahead, and is left alone; only falling behind by more than the seek threshold ends the wait early. Judged
   * meanwhile, a page seeked out of a stall (80-110 ms ahead on its frame for 140 ms) was nudged slower, came
   * out 30 ms behind and took about a second to recover (issue 21).
   */
  private boolean waitingForSeekToLand(double serverNowMs) {
    if (seekToAwait == null) return false;
    if (serverNowMs < seekToAwait.landsAtMs() && lastErrorMs >= -tolerances.seekThresholdMs()) return true;
    seekToAwait = null;
    return false;
  }

  /** The player reported the end of a seek this controller asked for. */
  public void seekFinished(double localTimeMs) {
    seekLatency.finished(localTimeMs);
  }

  /**
   * How uncertain the client's estimate of the server clock is, in ms ({@link ClockEstimator#uncertaintyMs()}):
   * the trim band follows it from the next step on.
   */
  public void clockUncertaintyMs(double uncertaintyMs) {
    nudging.clockUncertaintyMs(uncertaintyMs);
  }

  /** An error beyond this is corrected at once, judged on one reading. */
  public double deadBandMs() {
    return tolerances.deadBandMs();
  }

  /**
   * A resting player whose mean error over a window exceeds this is trimmed: twice the clock's uncertainty or
   * three times the spread of this player's rate-switch jumps, within [minDeadBandMs, deadBandMs]. A player
   * cannot know the room's position better than its clock, nor land a trim (two switches, each off by about the
   * spread) closer than its switches allow. The dead band until the clock's uncertainty is told, and until a
   * whole correction (out and back) or the player's kind has shown what its switches cost: the simulated
   * player's 7-35 ms jumps made earlier trims land 20 ms off.
   */
  public double trimBandMs() {
    return nudging.trimBandMs();
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
    return nudging.count();
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
    return seekLatency.ms();
  }

  public double switchJumpMs() {
    return switches.meanJumpMs();
  }

  public double startLatencyMs() {
    return startLatency.ms();
  }

  /**
   * A paused player on a playing timeline: once it has landed on the frame it was sent to, it starts on the
   * instant the timeline gets there (ahead by its start latency); otherwise it is sent ahead. A landing too late
   * for its instant is planned again, with the seek latency it taught.
   */
  private void catchUp(Timeline timeline, double serverNowMs, double expectedMs, PlayerView view, List<PlayerCommand> out) {
    nudging.drop();
    start = null; // no start is pending here (decide turned it to settling), and a settling one is void
    switches.setRate(timeline.rate(), view, out);
    if (landing != null) {
      if (landing.reached(view.positionMs(), tolerances.pausedToleranceMs())) {
        double instant = landing.instantOn(timeline);
        if (instant - startLatency.ms() > serverNowMs) {
          double leadMs = startLatency.ms();
          out.add(new PlayerCommand.PlayAt(instant - leadMs));
          start = new Start.Pending(instant, leadMs, true);
          landing = null;
          return;
        }
      } else if (view.localTimeMs() - landing.issuedAtMs() < tolerances.landingWaitMs()) {
        return; // the player has not taken the seek yet
      } else {
        // It cannot go there (a source that cannot seek, a frame past its end): better out of step than stopped.
        landing = null;
        out.add(new PlayerCommand.Play());
        return;
      }
    }
    double aheadMs = (seekLatency.worstRecentMs() + startLatency.ms() + tolerances.catchUpMarginMs()) * timeline.rate();
    landing = new Landing(expectedMs + aheadMs, view.localTimeMs());
    seek(landing.positionMs(), view, out);
  }

  private void holdAt(Timeline timeline, PlayerView view, List<PlayerCommand> out) {
    if (!view.paused()) out.add(new PlayerCommand.Pause());
    nudging.drop();
    switches.setRate(timeline.rate(), view, out);
    lastErrorMs = view.positionMs() - timeline.anchorPositionMs();
    if (Math.abs(lastErrorMs) > tolerances.pausedToleranceMs()) {
      seek(timeline.anchorPositionMs(), view, out);
    }
  }

  private void seek(double position, PlayerView view, List<PlayerCommand> out) {
    out.add(new PlayerCommand.Seek(Math.max(0, position)));
    seekLatency.asked(view.localTimeMs());
    seekedAfterPrevious = true;
    switches.voidUnderWay();
  }
}
