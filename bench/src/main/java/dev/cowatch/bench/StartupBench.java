package dev.cowatch.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Start-up time: Cowatch started by its launcher ({@code ./cowatch}) as a user starts it, timed until
 * {@code /api/health} answers. One warm-up start comes first and is not counted: it is the start that
 * builds the server when its sources changed and lets the launcher write its class archive, which a
 * user's first start after a build does once. Then each round starts Cowatch on a new empty data
 * directory (the database is created) and once more on the same directory (a restart). One start runs
 * at a time; everything lives in a temporary directory removed at the end.
 */
public final class StartupBench {
  /**
   * @param launcher the launcher script, relative to the working directory ({@code bench/run} runs in the
   *     repository)
   * @param warmupTimeout the warm-up may build the server first
   * @param readyTimeout one measured start; past it the start is an error
   * @param timeBound the whole run ends within it
   */
  public record Scenario(Path launcher, int rounds, Duration warmupTimeout, Duration readyTimeout, Duration timeBound) {
    /** Five rounds: the median of five starts of each kind. */
    public static Scenario full() {
      return new Scenario(Path.of("cowatch"), 5, Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMinutes(10));
    }

    public static Scenario quick() {
      return new Scenario(Path.of("cowatch"), 2, Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMinutes(7));
    }

    public Scenario withLauncher(Path other) {
      return new Scenario(other, rounds, warmupTimeout, readyTimeout, timeBound);
    }
  }

  private final Scenario scenario;

  public StartupBench(Scenario scenario) {
    this.scenario = scenario;
  }

  /** Runs, but gives up after the scenario's time bound: then the result is an error. */
  public StartupResult runBounded(PrintStream out) throws InterruptedException {
    return Bounded.run("startup", scenario.timeBound(), Duration.ofSeconds(30), out, () -> run(out),
        StartupResult::failed);
  }

  public StartupResult run(PrintStream out) throws IOException, InterruptedException {
    Path launcher = scenario.launcher();
    if (!Files.isExecutable(launcher)) {
      String why = "no launcher at " + launcher.toAbsolutePath();
      out.println("startup: " + why);
      return StartupResult.failed(why);
    }
    Path dir = Files.createTempDirectory("cowatch-bench-startup");
    Thread cleanup = new Thread(() -> deleteQuietly(dir), "startup-bench-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      out.printf(Locale.ROOT, "startup: %s --host 127.0.0.1 --port <free> --data-dir <dir>; %d cores, load average %s%n",
          launcher, Runtime.getRuntime().availableProcessors(), loadAverage());
      StartupSample warmup = LauncherStart.measure(launcher, dir.resolve("warm-up"), dir.resolve("warm-up.log"),
          scenario.warmupTimeout());
      out.println("  warm-up start (not counted): " + warmup.describe());
      if (!warmup.ok()) return StartupResult.failed("warm-up: " + warmup.error());
      List<StartupSample> empty = new ArrayList<>();
      List<StartupSample> restarts = new ArrayList<>();
      for (int r = 1; r <= scenario.rounds(); r++) {
        Path data = dir.resolve("round-" + r);
        Path log = dir.resolve("round-" + r + ".log");
        StartupSample first = LauncherStart.measure(launcher, data, log, scenario.readyTimeout());
        StartupSample again = LauncherStart.measure(launcher, data, log, scenario.readyTimeout());
        empty.add(first);
        restarts.add(again);
        out.println("  round " + r + ": empty data dir " + first.describe() + "; restart " + again.describe());
      }
      out.println(StartupResult.summary("startup on an empty data dir", empty));
      out.println(StartupResult.summary("startup on an existing data dir", restarts));
      out.println("load average after: " + loadAverage());
      return new StartupResult(empty, restarts);
    } finally {
      deleteQuietly(dir);
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway, and finds nothing left
      }
    }
  }

  /** The 1, 5 and 15 minute load averages: other work on the machine slows starts (see docs/performance.md). */
  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException | RuntimeException e) {
      System.err.println("startup: could not remove " + dir + ": " + e);
    }
  }
}
