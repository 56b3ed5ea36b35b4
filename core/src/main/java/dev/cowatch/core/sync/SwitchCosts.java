package dev.cowatch.core.sync;

/**
 * What each kind of rate switch costs a player, learned from its own switches: into a faster rate and
 * back, into a slower one and back. A kind not yet seen costs what switches cost on average (the
 * controller's common mean). Measured in headless Chromium (2026-11-23, a 24 fps VP8 + Opus file; the
 * same whatever rate a player rests at): into 1.012 -18.9 ms, back -3.5; into 1.05 -21.6, back -1.4; into
 * 0.95 -14.5, back -8.5; into 0.988 -17.4, back -5.5: each within about a millisecond from one time to
 * the next, every round trip about -23 ms. Not thread-safe: the controller's.
 */
final class SwitchCosts {
  static final int FASTER = 0;
  static final int SLOWER = 1;
  private static final int INTO = 0;
  private static final int BACK = 1;

  private final double[][] meanMs = new double[2][2];
  private final int[][] seen = new int[2][2];
  /** What each kind costs until one has been seen (into faster, back, into slower, back); null: the common mean. */
  private final double[] guessesMs;

  /**
   * @param guessesMs into faster, back, into slower, back: used for a kind until its first switch replaces it;
   *     null: the common mean
   */
  SwitchCosts(double[] guessesMs) {
    if (guessesMs != null && guessesMs.length != 4) throw new IllegalArgumentException("four guesses, one per kind");
    this.guessesMs = guessesMs == null ? null : guessesMs.clone();
  }

  /**
   * Learns a switch from {@code fromRate} to {@code toRate} that jumped {@code jumpMs}, counted at most
   * {@code capMs} from its kind's mean (a stall beside the switch is not the switch); returns how far it
   * fell from that mean, NaN for the first of its kind or a switch of no kind (between two nudge rates).
   */
  double learn(double fromRate, double toRate, double nominalRate, double jumpMs, double smoothing, double capMs) {
    int direction;
    int leg;
    if (fromRate == nominalRate && toRate != nominalRate) {
      direction = toRate > nominalRate ? FASTER : SLOWER;
      leg = INTO;
    } else if (toRate == nominalRate && fromRate != nominalRate) {
      direction = fromRate > nominalRate ? FASTER : SLOWER;
      leg = BACK;
    } else {
      return Double.NaN;
    }
    if (seen[direction][leg]++ == 0) {
      meanMs[direction][leg] = jumpMs;
      return Double.NaN;
    }
    double deviation = Math.clamp(jumpMs - meanMs[direction][leg], -capMs, capMs);
    meanMs[direction][leg] += smoothing * deviation;
    return deviation;
  }

  /** The jump of switching into {@code direction}'s rate; the guess, or {@code commonMs}, until one has been seen. */
  double intoMs(int direction, double commonMs) {
    return seen[direction][INTO] > 0 ? meanMs[direction][INTO] : guess(direction, INTO, commonMs);
  }

  /** The jump of switching back from {@code direction}'s rate; the guess, or {@code commonMs}, until one has been seen. */
  double backMs(int direction, double commonMs) {
    return seen[direction][BACK] > 0 ? meanMs[direction][BACK] : guess(direction, BACK, commonMs);
  }

  /** Whether this kind of player's switches were measured before (its traits' guesses): a first trim can be aimed. */
  boolean guessed() {
    return guessesMs != null;
  }

  private double guess(int direction, int leg, double commonMs) {
    return guessesMs == null ? commonMs : guessesMs[2 * direction + leg];
  }

  /** What a nudge in {@code direction} costs in jumps, there and back. */
  double roundTripMs(int direction, double commonMs) {
    return intoMs(direction, commonMs) + backMs(direction, commonMs);
  }
}
