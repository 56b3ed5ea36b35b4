package dev.cowatch.bench;

import com.microsoft.playwright.Playwright;
import dev.cowatch.e2e.E2eStack;
import dev.cowatch.e2e.ExtensionRoom;
import dev.cowatch.e2e.ExtensionViewer;
import dev.cowatch.e2e.PageSample;
import dev.cowatch.e2e.Percentiles;
import dev.cowatch.e2e.Round;
import dev.cowatch.e2e.SiteServer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sync accuracy of the browser extension, measured as {@link BrowserSyncBench} measures the web
 * app: the real server, two headless Chromium profiles with the built extension on the project's
 * plain test site, one room made in the popup and joined by its link, and a scripted session
 * (play from one side, steady, pause from the other, play, steady, seek, steady) beside a CPU hog.
 * Positions are read in the content scripts every 100 ms and compared pairwise at one instant
 * ({@link Round}); seek convergence is from the gesture until both play from the new position
 * within 50 ms of each other.
 */
public final class ExtensionSyncBench {
  static final long SAMPLE_MS = 100;
  static final long SETTLE_MS = 1_000;
  static final long SEEK_TO_MS = 10_000;
  static final long SEEK_WINDOW_MS = 3_000;

  public record Scenario(long firstSteadyMs, long secondSteadyMs, long afterSeekMs, int hogThreads) {
    public static Scenario full() {
      return new Scenario(22_000, 8_000, 18_000, BrowserSyncBench.Scenario.full().hogThreads());
    }

    public static Scenario quick() {
      return new Scenario(3_000, 2_000, 3_000, BrowserSyncBench.Scenario.quick().hogThreads());
    }
  }

  public record Result(double posP95, double posP99, double seekConvergeMs) {
    public String line() {
      return String.format(Locale.ROOT, "extension-sync: pos_p95_ms=%.1f pos_p99_ms=%.1f seek_converge_ms=%.0f",
          posP95, posP99, seekConvergeMs);
    }
  }

  private final Scenario scenario;

  public ExtensionSyncBench(Scenario scenario) {
    this.scenario = scenario;
  }

  public Result run(PrintStream out) throws Exception {
    try (E2eStack stack = E2eStack.start(); SiteServer sites = SiteServer.start(); CpuHog hog = new CpuHog(scenario.hogThreads());
         Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
         ExtensionViewer ann = ExtensionViewer.launch(playwright, "Ann");
         ExtensionViewer ben = ExtensionViewer.launch(playwright, "Ben")) {
      out.printf(Locale.ROOT, "Chromium %s with the extension, two profiles; a CPU hog of %d thread(s) spins beside them%n",
          stack.chromium().version(), hog.threads());
      String url = sites.url(SiteServer.Site.PLAIN, stack.videoUrl());
      long start = System.currentTimeMillis();
      for (ExtensionViewer v : List.of(ann, ben)) {
        v.open(url);
        v.useServer(stack.baseUri());
      }
      String link = ann.createRoom();
      ben.join(link);
      ann.awaitBound();
      ben.awaitBound();
      out.printf(Locale.ROOT, "room made in the popup and joined by its link in %d ms%n", System.currentTimeMillis() - start);
      ExtensionRoom room = new ExtensionRoom(stack, ExtensionRoom.idOf(link), List.of(ann, ben));
      List<Round> steady = new ArrayList<>();

      out.println("Ben plays on the site's player");
      ben.play();
      room.awaitPlayingTogether();
      room.idle(SETTLE_MS);
      steady.addAll(room.sampleSteady(scenario.firstSteadyMs(), SAMPLE_MS));

      out.println("Ann pauses, then plays");
      long pauseAt = System.currentTimeMillis();
      ann.pause();
      room.awaitPausedTogether();
      out.printf(Locale.ROOT, "  both paused on the room's frame %d ms after the gesture%n", System.currentTimeMillis() - pauseAt);
      ann.play();
      room.awaitPlayingTogether();
      room.idle(SETTLE_MS);
      steady.addAll(room.sampleSteady(scenario.secondSteadyMs(), SAMPLE_MS));

      out.printf(Locale.ROOT, "Ben seeks to %d ms%n", SEEK_TO_MS);
      double convergeMs = room.seekFrom(ben, SEEK_TO_MS, SEEK_WINDOW_MS);
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
      return new Result(pos.p(95), pos.p(99), convergeMs);
    }
  }
}
