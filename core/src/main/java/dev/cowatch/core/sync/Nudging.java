package dev.cowatch.core.sync;

import dev.cowatch.core.Tolerances;
import java.util.List;

/**
 * The controller's corrections by playback rate: the nudge held (null: the player is meant to run at the
 * timeline's rate), the resting error that decides a trim, and how many nudges there have been. A nudge is
 * started for an error past the band, or for a resting player's mean error past the trim band, and let go when
 * the error crosses its target. The controller says when to correct and drops the nudge whenever it takes the
 * player over (a pause, a seek, a catch-up). Not thread-safe: the controller's.
 */
final class Nudging {
  private final Tolerances tolerances;
  private final RateSwitches switches;
  private final RestingError resting = new RestingError();
  private Nudge nudge;
  /** This step found the player at rest: its reading counts toward the resting error. */
  private boolean atRest;
  /** The clock estimate's uncertainty, as the client last told it (NaN: not told: the widest band). */
  private double clockUncertaintyMs = Double.NaN;
  private long count;

  Nudging(Tolerances tolerances, RateSwitches switches) {
    this.tolerances = tolerances;
    this.switches = switches;
  }

  void beginStep() {
    atRest = false;
  }

  /** A step that did not find the player at rest ends the rest: its readings so far describe another. */
  void endStep() {
    if (!atRest) resting.reset();
  }

  void drop() {
    nudge = null;
  }

  void clockUncertaintyMs(double uncertaintyMs) {
    clockUncertaintyMs = uncertaintyMs;
  }

  /** Nudges started so far: each counts once, however long it is held. */
  long count() {
    return count;
  }

  /** See {@link SyncController#trimBandMs()}. */
  double trimBandMs() {
    if (Double.isNaN(clockUncertaintyMs) || !switches.enoughToTrim()) return tolerances.deadBandMs();
    return Math.clamp(Math.max(2 * clockUncertaintyMs, 3 * switches.spreadMs()), tolerances.minDeadBandMs(),
        tolerances.deadBandMs());
  }

  /** A nudge is held, the error is past {@code bandMs}, and the player is not following the nudge's rate. */
  boolean withoutEffect(double errorMs, double nominal, double localTimeMs, double bandMs) {
    return nudge != null && Math.abs(errorMs) > bandMs
        && nudge.withoutEffect(errorMs - nudge.targetMs(switches, nominal), localTimeMs, tolerances);
  }

  /**
   * Corrects an error beyond {@code bandMs} at once, and a resting player's lasting error beyond its trim band,
   * with a nudge held until the error crosses its target. Nothing while a rate switch is under way: the error
   * says nothing of it yet.
   */
  void correct(double errorMs, double nominal, PlayerView view, List<PlayerCommand> out, double bandMs) {
    if (switches.underWay(view)) return;
    if (nudge != null) {
      double target = nudge.targetMs(switches, nominal);
      if (nudge.crossed(errorMs, target)) {
        nudge = null;
        switches.setRate(nominal, view, out);
        return;
      }
      double off = errorMs - target;
      if (Math.abs(errorMs) > bandMs && nudge.outgrown(off)) aim(nominal, off, view, out);
      return;
    }
    if (Math.abs(errorMs) > bandMs) {
      // Beyond the band something is done even when the learned costs say no rate lands closer (they may be off).
      if (!startFrom(nominal, errorMs, view, out)) start(nominal, errorMs, view, out);
      return;
    }
    switches.setRate(nominal, view, out);
    atRest = true;
    double mean = resting.add(errorMs, view.localTimeMs(), tolerances.trimWindowMs());
    if (Math.abs(mean) > trimBandMs()) startFrom(nominal, mean, view, out);
  }

  /**
   * Starts the nudge that lands a player {@code errorMs} off back on the timeline: the direction whose two
   * switches (into the rate, and back) cost what the rate then makes up. Each switch jumps, so a player a little
   * ahead may need speeding up (a round trip costs more than it is ahead) and one far ahead slowing down. False,
   * and nothing done, when no direction lands closer.
   */
  private boolean startFrom(double nominal, double errorMs, PlayerView view, List<PlayerCommand> out) {
    double offFaster = errorMs + switches.roundTripMs(SwitchCosts.FASTER);
    double offSlower = errorMs + switches.roundTripMs(SwitchCosts.SLOWER);
    if (offFaster < 0) {
      start(nominal, offFaster, view, out);
    } else if (offSlower > 0) {
      start(nominal, offSlower, view, out);
    } else {
      return false;
    }
    return true;
  }

  /** A new nudge for an error of {@code offMs} from its target: one more correction, and the end of a rest. */
  private void start(double nominal, double offMs, PlayerView view, List<PlayerCommand> out) {
    resting.reset();
    count++;
    aim(nominal, offMs, view, out);
  }

  /** Sets the rate of a nudge (new or held) for an error of {@code offMs} from its target. */
  private void aim(double nominal, double offMs, PlayerView view, List<PlayerCommand> out) {
    nudge = Nudge.aimed(nominal, offMs, view.localTimeMs(), tolerances);
    switches.setRate(nudge.rate(), view, out);
  }
}
