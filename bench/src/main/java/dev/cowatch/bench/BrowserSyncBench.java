package dev.cowatch.bench;

import dev.cowatch.bench.net.DelayProxy;
import dev.cowatch.e2e.E2eStack;
import dev.cowatch.e2e.PageSample;
import dev.cowatch.e2e.Percentiles;
import dev.cowatch.e2e.RoomPage;
import dev.cowatch.e2e.RoomSession;
import dev.cowatch.e2e.Round;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sync accuracy in real browsers: the real server, three headless Chromium pages in one room
 * playing the e2e test video, and a scripted session (play, steady, a stall on page 1, pause from
 * page 2, play, steady, seek, steady) of about a minute, run twice: with the pages talking to the
 * server directly, and through a proxy that delays the app's traffic (HTTP and WebSocket, not the
 * media) by 50 ± 20 ms each way, order kept. A CPU hog spins beside both runs, as on a loaded
 * machine. Positions are read every 100 ms in steady playback and compared pairwise at one instant
 * (see {@link Round}); the pause spread is how far apart the players were when told to stop; stall
 * recovery is from the end of a stall until the page is within 20 ms of the timeline (and stays
 * there for half a second); seek convergence is from the gesture until every page plays from the
 * new position within 50 ms of each other (which includes the room's start lead).
 */
public final class BrowserSyncBench {
  static final long SAMPLE_MS = 100;
  /** After a start, players come up to speed before steady sampling begins. */
  static final long SETTLE_MS = 1_000;
  static final long SEEK_WINDOW_MS = 3_000;
  /** Seek targets, taken in turn: well inside the 60 s test video, one behind and one ahead of the session. */
  static final long[] SEEK_TO_MS = {10_000, 40_000};
  /** The network the issue measured: 50 ± 20 ms each way (RTT 60-140 ms). */
  static final double DELAY_MS = 50;
  static final double DELAY_JITTER_MS = 20;
  /**
   * An injected stall: the media clock held this long (then the player's own start latency, about
   * 110 ms in Chromium): the page falls 200-300 ms behind, as pages did under CPU load.
   */
  static final long STALL_MS = 150;
  static final double STALL_BOUND_MS = 20;
  static final long STALL_HOLD_MS = 500;
  static final long STALL_TIMEOUT_MS = 5_000;

  /**
   * Steady sampling windows: after the first play, after the replay, after the last seek; {@code seeks} seeks
   * in a row (one seek's convergence is one draw of a spread of several hundred ms; the figure is their median).
   */
  public record Scenario(long firstSteadyMs, long secondSteadyMs, long afterSeekMs, int hogThreads, int seeks) {
    /** About 80 s per condition. */
    public static Scenario full() {
      return new Scenario(22_000, 8_000, 18_000, hogThreadsFromEnv(), seeksFromEnv(5));
    }

    public static Scenario quick() {
      return new Scenario(3_000, 2_000, 3_000, hogThreadsFromEnv(), seeksFromEnv(1));
    }

    /** BENCH_SEEKS: how many seeks each condition makes and takes the median of. */
    private static int seeksFromEnv(int byDefault) {
      String v = System.getenv("BENCH_SEEKS");
      int n = v == null || v.isBlank() ? byDefault : Integer.parseInt(v.strip());
      if (n < 1 || n > 100) throw new IllegalArgumentException("BENCH_SEEKS must be 1-100, was " + n);
      return n;
    }

    /** BENCH_HOG_THREADS, default 1: half of this 2-core machine, the rest shared by server and browsers. */
    private static int hogThreadsFromEnv() {
      String v = System.getenv("BENCH_HOG_THREADS");
      return v == null || v.isBlank() ? 1 : Integer.parseInt(v.strip());
    }
  }

  /** One condition's figures. */
  public record Condition(String name, double posP95, double posP99, double pauseSpreadMs, double stallRecoverMs,
      double stallWorstMs, double seekConvergeMs) {}

  public record Result(Condition direct, Condition jitter) {
    /** The slower of the two conditions' stall recoveries (NaN, printed "NaN", when one never recovered). */
    public double stallRecoverMs() {
      return Double.isNaN(direct.stallRecoverMs()) || Double.isNaN(jitter.stallRecoverMs()) ? Double.NaN
          : Math.max(direct.stallRecoverMs(), jitter.stallRecoverMs());
    }

    public String line() {
      return String.format(Locale.ROOT, "browser-sync: pos_p95_ms=%.1f pos_p99_ms=%.1f jitter_pos_p95_ms=%.1f"
          + " jitter_pos_p99_ms=%.1f stall_recover_ms=%.0f seek_converge_ms=%.0f jitter_seek_converge_ms=%.0f",
          direct.posP95(), direct.posP99(), jitter.posP95(), jitter.posP99(), stallRecoverMs(),
          direct.seekConvergeMs(), jitter.seekConvergeMs());
    }
  }

  private final Scenario scenario;

  public BrowserSyncBench(Scenario scenario) {
    this.scenario = scenario;
  }

  public Result run(PrintStream out) throws Exception {
    try (E2eStack stack = E2eStack.start(); CpuHog hog = new CpuHog(scenario.hogThreads())) {
      out.printf(Locale.ROOT, "Chromium %s; a CPU hog of %d thread(s) spins beside both conditions%n",
          stack.chromium().version(), hog.threads());
      Condition direct = condition("direct", stack, stack.baseUri(), out);
      Condition jitter;
      try (DelayProxy proxy = DelayProxy.start(new InetSocketAddress("127.0.0.1", stack.baseUri().getPort()),
          DELAY_MS, DELAY_JITTER_MS)) {
        jitter = condition(String.format(Locale.ROOT, "jitter (%.0f ± %.0f ms each way)", DELAY_MS, DELAY_JITTER_MS),
            stack, proxy.front(stack.baseUri()), out);
      }
      return new Result(direct, jitter);
    }
  }

  private Condition condition(String name, E2eStack stack, URI appBase, PrintStream out) throws java.io.IOException {
    out.printf(Locale.ROOT, "== %s%n", name);
    try (RoomSession room = new RoomSession(stack, stack.createRoom(), appBase)) {
      long start = System.currentTimeMillis();
      room.join("Ann");
      room.join("Ben");
      room.join("Cat");
      out.printf(Locale.ROOT, "3 pages joined in %d ms%n", System.currentTimeMillis() - start);
      PlayerTrace trace = PlayerTrace.fromEnv();
      if (trace != null) for (RoomPage p : room.pages()) trace.start(p);
      start = System.currentTimeMillis();
      List<Round> steady = new ArrayList<>();
      WorstRounds worst = new WorstRounds();

      out.println("page 1 plays");
      room.playFrom(room.page(0));
      room.idle(SETTLE_MS);
      steady.addAll(worst.add("after play", System.currentTimeMillis(),
          room.sampleSteady(scenario.firstSteadyMs(), SAMPLE_MS)));

      out.printf(Locale.ROOT, "page 1 stalls for %d ms%n", STALL_MS);
      RoomPage.StallRecovery stall = room.page(0).stall(STALL_MS, STALL_BOUND_MS, STALL_HOLD_MS, STALL_TIMEOUT_MS);
      out.printf(Locale.ROOT, "  fell %.0f ms off the timeline, within %.0f ms again %.0f ms after the stall's end%n",
          stall.worstErrorMs(), STALL_BOUND_MS, stall.recoverMs());
      room.idle(SETTLE_MS);

      out.println("page 2 pauses");
      RoomSession.PauseResult pause = room.pauseFrom(room.page(1));
      out.printf(Locale.ROOT, "  all paused %.0f ms after the click, stopped %.1f ms apart, rest %.1f ms apart%n",
          pause.latencyMs(), pause.stopSpreadMs(), pause.restSpreadMs());
      room.idle(SETTLE_MS);

      out.println("page 3 plays");
      room.playFrom(room.page(2));
      room.idle(SETTLE_MS);
      steady.addAll(worst.add("after replay", System.currentTimeMillis(),
          room.sampleSteady(scenario.secondSteadyMs(), SAMPLE_MS)));

      List<Double> converged = new ArrayList<>();
      for (int i = 0; i < scenario.seeks(); i++) {
        if (i > 0) room.idle(SETTLE_MS);
        long to = SEEK_TO_MS[i % SEEK_TO_MS.length];
        out.printf(Locale.ROOT, "page 3 seeks to %d ms%n", to);
        double ms = room.seekFrom(room.page(2), to, SEEK_WINDOW_MS);
        out.printf(Locale.ROOT, "  converged %.0f ms after the gesture%n", ms);
        converged.add(ms);
      }
      Percentiles seeks = new Percentiles(converged);
      double convergeMs = seeks.p(50);
      if (converged.size() > 1) out.printf(Locale.ROOT, "  %d seeks converged after: %s%n", converged.size(), seeks);
      steady.addAll(worst.add("after seek", System.currentTimeMillis(),
          room.sampleSteady(scenario.afterSeekMs(), SAMPLE_MS)));

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
      for (RoomPage p : room.pages()) {
        out.printf(Locale.ROOT, "  %s's player was given %s; %s%n", p.name(), p.commandCounts(), p.learned());
      }
      worst.print(out, 12);
      if (trace != null) for (RoomPage p : room.pages()) trace.write(p, name);
      Percentiles pos = new Percentiles(pairs);
      out.printf(Locale.ROOT, "session %d ms; steady rounds=%d%n  pairwise position difference: %s%n"
          + "  |position - server timeline|: %s%n  |clock estimate error|: %s%n",
          System.currentTimeMillis() - start, steady.size(), pos, new Percentiles(errors), new Percentiles(clock));
      Condition c = new Condition(name, pos.p(95), pos.p(99), pause.stopSpreadMs(), stall.recoverMs(),
          stall.worstErrorMs(), convergeMs);
      out.printf(Locale.ROOT, "%s: pos_p95_ms=%.1f pos_p99_ms=%.1f pause_spread_ms=%.1f stall_recover_ms=%.0f"
          + " seek_converge_ms=%.0f%n", name, c.posP95(), c.posP99(), c.pauseSpreadMs(), c.stallRecoverMs(), c.seekConvergeMs());
      return c;
    }
  }
}
