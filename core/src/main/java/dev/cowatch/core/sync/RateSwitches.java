package dev.cowatch.core.sync;

import dev.cowatch.core.Tolerances;
import java.util.List;

/**
 * The controller's account of one player's rate switches: the switch under way, and what switches have been
 * seen to cost it (each kind's mean in {@link SwitchCosts}, all kinds' common mean, and how far a jump falls
 * from its kind's: a correction lands no closer than that). Not thread-safe: the controller's.
 */
final class RateSwitches {
  /** Rate switches whose jump must have been seen before a resting player is trimmed: one correction's two. */
  static final int BEFORE_TRIMMING = 2;
  /**
   * Once a correction has shown what this player's switches cost, a jump further than this many
   * spreads from their mean (never less than minDeadBandMs) counts as only that far: it is a stall
   * beside the switch, not the switch. One such jump under the CPU hog raised a page's spread from
   * about 2 to 9 ms, and its trim band to the whole dead band, for the rest of the session (issue 21).
   */
  static final double OUTLIER_SPREADS = 3;

  /** A rate switch made while playing, until its jump has been learned (or a seek or pause voided it). */
  private record UnderWay(double fromRate, double toRate, double atMs, double positionMs) {}

  private final Tolerances tolerances;
  private final double underWayMs;
  /** How long the player plays on at the old rate: what that costs a switch is not its jump. */
  private final double lagMs;
  private final SwitchCosts costs;
  private UnderWay underWay;
  private double meanJumpMs;
  /** How much the jumps vary around their kind's mean (smoothed mean absolute deviation). */
  private double spreadMs;
  private int learned;

  RateSwitches(Tolerances tolerances, PlayerTraits traits) {
    this.tolerances = tolerances;
    this.underWayMs = traits.switchUnderWayMs();
    this.lagMs = traits.switchLagMs();
    this.costs = new SwitchCosts(traits.switchCostGuessesMs());
  }

  /**
   * The player was just asked to go from {@code view}'s rate to {@code toRate}. A switch made before the last one
   * was learned voids that one: its jump and this one's cannot be told apart. Paused or seeking, there is no jump.
   */
  private void switched(double toRate, PlayerView view) {
    underWay = view.paused() || view.seeking() ? null
        : new UnderWay(view.rate(), toRate, view.localTimeMs(), view.positionMs());
  }

  /** Asks the player for {@code rate} unless it is already there, and keeps account of the switch. */
  void setRate(double rate, PlayerView view, List<PlayerCommand> out) {
    if (view.rate() == rate) return;
    out.add(new PlayerCommand.SetRate(rate));
    switched(rate, view);
  }

  /** A seek voids the switch under way: its move would pass for the switch's jump. */
  void voidUnderWay() {
    underWay = null;
  }

  /** The player's clock may still be on its way to the last rate: the error says nothing of the switch yet. */
  boolean underWay(PlayerView view) {
    return underWay != null && view.localTimeMs() - underWay.atMs() < underWayMs;
  }

  /**
   * Once a switch is no longer under way, compares where the player is with where the reading at the switch and
   * the new rate said it would be: what the switch cost; less what playing on at the old rate for the player's lag
   * cost it, that is the switch's jump.
   *
   * @param seekedSince a seek went with the last step's commands: the move is the seek's
   * @param nominalRate the timeline's rate: what a switch left or went back to
   */
  void learn(PlayerView view, boolean seekedSince, double nominalRate) {
    UnderWay sw = underWay;
    if (sw == null) return;
    if (seekedSince || view.paused() || view.seeking()) {
      underWay = null;
      return;
    }
    if (underWay(view)) return;
    underWay = null;
    double predicted = sw.positionMs() + (view.localTimeMs() - sw.atMs()) * sw.toRate();
    double moved = view.positionMs() - predicted;
    if (Math.abs(moved) >= tolerances.maxSwitchJumpMs()) return;
    // The time at the old rate is what this switch's change of rate made it cost; the rest is its jump.
    double jump = moved - lateMs(sw.fromRate(), sw.toRate());
    double cap = learned >= BEFORE_TRIMMING
        ? Math.max(OUTLIER_SPREADS * spreadMs, tolerances.minDeadBandMs()) : Double.POSITIVE_INFINITY;
    // The spread is how far a jump falls from what its kind's jumps said (a correction lands that close):
    // the first of a kind says nothing of it, and Chromium's kinds are far apart but each barely varies.
    double fromItsKind = costs.learn(sw.fromRate(), sw.toRate(), nominalRate, jump, tolerances.smoothing(), cap);
    if (!Double.isNaN(fromItsKind)) spreadMs += tolerances.smoothing() * (Math.abs(fromItsKind) - spreadMs);
    learned++;
    meanJumpMs += tolerances.smoothing() * Math.clamp(jump - meanJumpMs, -cap, cap);
  }

  /**
   * A trim can be aimed: one whole correction (out and back) has shown what this player's switches cost, or its kind's
   * switches were measured before (its traits' guesses). Without either, a first trim lands as far off as a jump; with
   * guesses, waiting for a correction left a browser that started 5-8 ms off resting there for the whole first
   * steady stretch (22 s of bench/run browser-sync with the delay), since nothing else made it correct.
   */
  boolean enoughToTrim() {
    return learned >= BEFORE_TRIMMING || costs.guessed();
  }

  /**
   * What a nudge in {@code direction} ({@link SwitchCosts#FASTER}, {@link SwitchCosts#SLOWER}) costs in jumps, there
   * and back; the lateness of the two switches cancels (the same time at the old rate, one each way).
   */
  double roundTripMs(int direction) {
    return costs.roundTripMs(direction, meanJumpMs);
  }

  /** What switching back to {@code nominalRate} from a nudge in {@code direction} at {@code nudgeRate} costs, lateness included. */
  double backMs(int direction, double nudgeRate, double nominalRate) {
    return costs.backMs(direction, meanJumpMs) + lateMs(nudgeRate, nominalRate);
  }

  /** What a switch from {@code fromRate} to {@code toRate} costs by playing on at the old rate for the lag. */
  private double lateMs(double fromRate, double toRate) {
    return lagMs * (fromRate - toRate);
  }

  /** The mean jump of all switches so far. */
  double meanJumpMs() {
    return meanJumpMs;
  }

  double spreadMs() {
    return spreadMs;
  }
}
