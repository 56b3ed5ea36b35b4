package dev.cowatch.bench;

import dev.cowatch.e2e.E2eStack;
import dev.cowatch.e2e.PageSample;
import dev.cowatch.e2e.Percentiles;
import dev.cowatch.e2e.Round;
import dev.cowatch.e2e.RoomSession;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sync accuracy in real browsers: the real server, three headless Chromium pages in one room
 * playing the e2e test video, and a scripted session (play, steady, pause from page 2, play,
 * steady, seek, steady) of about a minute. Positions are read every 100 ms in steady playback and
 * compared pairwise at one instant (see {@link Round}); the pause spread is how far apart the
 * players were when told to stop; seek convergence is from the gesture until every page plays
 * from the new position within 50 ms of each other (which includes the room's start lead, 400 ms
 * on a fast network).
 */
public final class BrowserSyncBench {
  static final long SAMPLE_MS = 100;
  /** After a start, players come up to speed before steady sampling begins. */
  static final long SETTLE_MS = 1_000;
  static final long SEEK_WINDOW_MS = 3_000;
  /** Seek target: well inside the 60 s test video, behind where the session has got to. */
  static final long SEEK_TO_MS = 10_000;

  /** Steady sampling windows: after the first play, after the replay, after the seek. */
  public record Scenario(long firstSteadyMs, long secondSteadyMs, long afterSeekMs) {
    /** About 60 s in all. */
    public static Scenario full() {
      return new Scenario(22_000, 8_000, 18_000);
    }

    public static Scenario quick() {
      return new Scenario(3_000, 2_000, 3_000);
    }
  }

  public record Result(double posP95, double posP99, double pauseSpreadMs, double seekConvergeMs, int pairs) {
    public String line() {
      return String.format(Locale.ROOT, "browser-sync: pos_p95_ms=%.1f pos_p99_ms=%.1f pause_spread_ms=%.1f seek_converge_ms=%.0f",
          posP95, posP99, pauseSpreadMs, seekConvergeMs);
    }
  }

  private final Scenario scenario;

  public BrowserSyncBench(Scenario scenario) {
    this.scenario = scenario;
  }

  public Result run(PrintStream out) throws Exception {
    try (E2eStack stack = E2eStack.start(); RoomSession room = new RoomSession(stack, stack.createRoom())) {
      long start = System.currentTimeMillis();
      room.join("Ann");
      room.join("Ben");
      room.join("Cat");
      out.printf(Locale.ROOT, "3 pages joined (Chromium %s) in %d ms%n", stack.chromium().version(), System.currentTimeMillis() - start);
      start = System.currentTimeMillis();
      List<Round> steady = new ArrayList<>();

      out.println("page 1 plays");
      room.playFrom(room.page(0));
      room.idle(SETTLE_MS);
      steady.addAll(room.sampleSteady(scenario.firstSteadyMs(), SAMPLE_MS));

      out.println("page 2 pauses");
      RoomSession.PauseResult pause = room.pauseFrom(room.page(1));
      out.printf(Locale.ROOT, "  all paused %.0f ms after the click, stopped %.1f ms apart, rest %.1f ms apart%n",
          pause.latencyMs(), pause.stopSpreadMs(), pause.restSpreadMs());
      room.idle(SETTLE_MS);

      out.println("page 3 plays");
      room.playFrom(room.page(2));
      room.idle(SETTLE_MS);
      steady.addAll(room.sampleSteady(scenario.secondSteadyMs(), SAMPLE_MS));

      out.printf(Locale.ROOT, "page 3 seeks to %d ms%n", SEEK_TO_MS);
      double convergeMs = room.seekFrom(room.page(2), SEEK_TO_MS, SEEK_WINDOW_MS);
      out.printf(Locale.ROOT, "  converged %.0f ms after the gesture%n", convergeMs);
      steady.addAll(room.sampleSteady(scenario.afterSeekMs(), SAMPLE_MS));

      List<Double> pairs = new ArrayList<>();
      List<Double> errors = new ArrayList<>();
      List<Double> clock = new ArrayList<>();
      for (Round r : steady) {
        pairs.addAll(r.pairDiffsMs());
        for (PageSample s : r.samples()) {
          errors.add(Math.abs(r.timelineErrorMs(s)));
          clock.add(Math.abs(s.clockErrorMs()));
        }
      }
      Percentiles pos = new Percentiles(pairs);
      out.printf(Locale.ROOT, "session %d ms; steady rounds=%d%n  pairwise position difference: %s%n"
          + "  |position - server timeline|: %s%n  |clock estimate error|: %s%n",
          System.currentTimeMillis() - start, steady.size(), pos, new Percentiles(errors), new Percentiles(clock));
      return new Result(pos.p(95), pos.p(99), pause.stopSpreadMs(), convergeMs, pos.count());
    }
  }
}
