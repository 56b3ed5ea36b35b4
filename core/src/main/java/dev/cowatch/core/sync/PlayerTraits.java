package dev.cowatch.core.sync;

import java.util.Arrays;

/**
 * What a kind of player is like before its own readings teach the controller otherwise. Each client passes
 * its player's: a browser's are measured in headless Chromium (the web twin's {@code BROWSER_PLAYER}), the
 * simulated player's say it does everything at once.
 *
 * @param startLatencyMs from play() until its clock runs at speed; learned on its first start
 * @param switchCostGuessesMs the jump of each kind of rate switch (into faster, back, into slower, back), its
 *     lateness ({@code switchLagMs}) aside, until its first switch of that kind teaches it; null: the mean of all
 *     its switches so far. A first correction aimed without them is thrown off by its own switch's jump (issue 21)
 * @param switchUnderWayMs how long after a rate is set its clock may still be on the way to it: headless
 *     Chromium plays on at the old rate for about 100 ms, then jumps, so its controller waits 200 ms before it
 *     judges the switch or the error; a player that switches at once needs 0, and waiting only delays it
 * @param switchLagMs how long it plays on at the old rate after a rate is set (Chromium: about 100 ms): a switch
 *     costs, besides its jump, this times the change of rate, which differs from one nudge to the next (4 ms into
 *     1.04, 8 ms into 1.08). Taken out of what each switch teaches, the jumps of a kind barely vary, and a
 *     correction lets go where switching back, late, lands on the room (issue 21)
 */
public record PlayerTraits(double startLatencyMs, double[] switchCostGuessesMs, double switchUnderWayMs,
    double switchLagMs) {
  /** Starts and switches on the instant (the simulated player): nothing guessed, nothing waited for. */
  public static final PlayerTraits AT_ONCE = new PlayerTraits(0, null, 0, 0);
  /**
   * The browser engines' {@code <video>}, the web twin's BROWSER_PLAYER, WEBKIT_PLAYER and FIREFOX_PLAYER (where each
   * figure was measured is written there); the three are held equal to the web's by
   * {@code src/test/resources/sync/player-traits.json}, and controller vectors that name an engine run with them.
   */
  public static final PlayerTraits CHROMIUM = new PlayerTraits(100, new double[] {-21.6, -1.4, -14.5, -8.5}, 200, 100);
  public static final PlayerTraits WEBKIT = new PlayerTraits(20, new double[] {-6, -19, -5, -6}, 40, 0);
  public static final PlayerTraits FIREFOX = new PlayerTraits(5, new double[] {0, 0, 0, 0}, 40, 0);

  /** The traits of a browser engine by its name in the shared files: chromium, webkit, firefox. */
  public static PlayerTraits ofEngine(String engine) {
    return switch (engine) {
      case "chromium" -> CHROMIUM;
      case "webkit" -> WEBKIT;
      case "firefox" -> FIREFOX;
      default -> throw new IllegalArgumentException("no traits for engine " + engine + " (chromium, webkit, firefox)");
    };
  }

  public PlayerTraits {
    if (!(startLatencyMs >= 0) || !(switchUnderWayMs >= 0) || !(switchLagMs >= 0)) {
      throw new IllegalArgumentException("latencies are durations: " + startLatencyMs + ", " + switchUnderWayMs
          + ", " + switchLagMs);
    }
    if (switchCostGuessesMs != null && switchCostGuessesMs.length != 4) {
      throw new IllegalArgumentException("four switch cost guesses, one per kind");
    }
    switchCostGuessesMs = switchCostGuessesMs == null ? null : switchCostGuessesMs.clone();
  }

  @Override
  public double[] switchCostGuessesMs() {
    return switchCostGuessesMs == null ? null : switchCostGuessesMs.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PlayerTraits t && t.startLatencyMs == startLatencyMs
        && Arrays.equals(t.switchCostGuessesMs, switchCostGuessesMs) && t.switchUnderWayMs == switchUnderWayMs
        && t.switchLagMs == switchLagMs;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Double.hashCode(startLatencyMs) + Arrays.hashCode(switchCostGuessesMs))
        + 31 * Double.hashCode(switchUnderWayMs) + Double.hashCode(switchLagMs);
  }

  @Override
  public String toString() {
    return "PlayerTraits[startLatencyMs=" + startLatencyMs + ", switchCostGuessesMs="
        + Arrays.toString(switchCostGuessesMs) + ", switchUnderWayMs=" + switchUnderWayMs + ", switchLagMs="
        + switchLagMs + "]";
  }
}
