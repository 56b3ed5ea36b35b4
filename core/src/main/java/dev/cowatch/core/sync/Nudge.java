package dev.cowatch.core.sync;

import dev.cowatch.core.Tolerances;

/**
 * A correction by playback rate: the player runs at {@code rate} instead of the timeline's until its error
 * crosses the target, then switches back. Each switch costs a jump, so a nudge changes the rate twice (into
 * it and back), never continuously. The controller holds one nudge or none (none: the timeline's rate).
 *
 * @param faster the rate is above the timeline's (the player was behind)
 * @param aimMs the error, measured from the target, the rate was chosen for
 * @param aimedAtMs when (player's local time) the rate was chosen
 * @param rate the rate held
 */
record Nudge(boolean faster, double aimMs, double aimedAtMs, double rate) {
  /**
   * A held nudge is aimed again once its error from the target has grown to this many times its aim (and the
   * error is past the band); twice, so a switch's own jump does not set it off. Measured: a page slipping
   * under CPU load while sped up gently sat 30-45 ms behind at 1.026 for seconds (issue 21's bench).
   */
  static final double REAIM_GROWTH = 2;
  /** A nudge is given this many of its time constants to remove half its error before it counts as without effect. */
  static final double PATIENCE = 2;

  /** The rate that removes {@code offMs} in about the nudge time constant, at most maxNudge off {@code nominal}. */
  static Nudge aimed(double nominal, double offMs, double localTimeMs, Tolerances tolerances) {
    double relative = Math.clamp(-offMs / tolerances.nudgeTimeConstantMs(), -tolerances.maxNudge(), tolerances.maxNudge());
    return new Nudge(relative > 0, offMs, localTimeMs, nominal * (1 + relative));
  }

  /** Where the nudge lets go: the error from which switching back to {@code nominal} lands on the timeline. */
  double targetMs(RateSwitches switches, double nominal) {
    return -switches.backMs(faster ? SwitchCosts.FASTER : SwitchCosts.SLOWER, rate, nominal);
  }

  /** The error has reached the target, coming from the side the nudge was aimed at. */
  boolean crossed(double errorMs, double targetMs) {
    return faster ? errorMs >= targetMs : errorMs <= targetMs;
  }

  /** The error from the target ({@code offMs}) has grown to {@link #REAIM_GROWTH} times the aim. */
  boolean outgrown(double offMs) {
    return Math.abs(offMs) >= REAIM_GROWTH * Math.abs(aimMs);
  }

  /**
   * After {@link #PATIENCE} time constants more than half the aim is still left, on the side it was aimed at:
   * the player is not following its rate. Measured: headless Chromium under a CPU hog sat 30-35 ms behind at
   * 1.06 for 17 s, each nudge after the last.
   */
  boolean withoutEffect(double offMs, double localTimeMs, Tolerances tolerances) {
    return localTimeMs - aimedAtMs >= PATIENCE * tolerances.nudgeTimeConstantMs() && offMs / aimMs > 0.5;
  }
}
