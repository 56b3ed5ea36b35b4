package dev.cowatch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * One start of Cowatch the way a user starts it: the launcher script from the README, with only the
 * address (loopback), a free port and the data directory given, so its JVM, options and classpath are
 * the user's. The clock starts just before the process does and stops when {@code /api/health} first
 * answers 200; then a viewer's first request is sent ({@link HealthProbe#firstRequest}) and timed to its
 * answer from the same start; the process is then stopped (SIGTERM, as Ctrl-C would) and awaited.
 */
final class LauncherStart {
  /** Between two polls: small beside a start of a second or more, cheap for the machine. */
  static final long POLL_MS = 5;
  /** Assembling the AOT cache takes a few seconds on a quiet machine; a busy one takes far longer. */
  static final Duration STOP_WAIT = Duration.ofMinutes(3);

  private LauncherStart() {}

  /** Output (the server's log) goes to {@code log}; a failure quotes its last line. */
  static StartupSample measure(Path launcher, Path dataDir, Path log, Duration timeout) throws InterruptedException {
    int port;
    try {
      port = Ports.free();
    } catch (IOException e) {
      return StartupSample.failed("no free port: " + e.getMessage());
    }
    ProcessBuilder builder = new ProcessBuilder(List.of(launcher.toAbsolutePath().toString(), "--host", "127.0.0.1",
        "--port", Integer.toString(port), "--data-dir", dataDir.toAbsolutePath().toString()))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    withoutCowatchSettings(builder.environment());
    long t0 = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return StartupSample.failed("cannot start " + launcher + ": " + e.getMessage());
    }
    try (ServerProcess server = new ServerProcess("cowatch", process)) {
      long deadline = t0 + timeout.toNanos();
      while (true) {
        int status = HealthProbe.status(port);
        long now = System.nanoTime();
        if (status == 200) {
          // Read at once: the figures belong to the moment the server answered.
          OptionalLong rss = ProcStatus.treeRssKib(process.toHandle());
          long cpuMs = ProcStatus.treeCpuMs(process.toHandle());
          if (rss.isEmpty()) return StartupSample.failed("the server answered but its memory could not be read");
          int first = HealthProbe.firstRequest(port);
          long answered = System.nanoTime();
          if (first != 200 && first != 201) {
            return StartupSample.failed("the first request (POST /api/auth/guest) was answered " + first + lastLine(log));
          }
          StartupSample sample = StartupSample.ready((now - t0) / 1e6, (answered - t0) / 1e6, rss.getAsLong(), cpuMs);
          stopAndAwait(process);
          return sample;
        }
        if (!server.alive()) {
          return StartupSample.failed("the launcher exited with " + process.exitValue() + lastLine(log));
        }
        if (now - deadline > 0) {
          return StartupSample.failed("no answer from " + HealthProbe.PATH + " within " + timeout.toMillis() + " ms"
              + lastLine(log));
        }
        Thread.sleep(POLL_MS);
      }
    }
  }

  /**
   * Stops the launcher as Ctrl-C would and waits for it: the first start after a build assembles the AOT
   * cache once the server has stopped (scripts/class-archive.sh), which the next start is to find.
   */
  private static void stopAndAwait(Process launcher) throws InterruptedException {
    launcher.destroy();
    launcher.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * The embedded default is measured: settings in the benchmark's environment (a PostgreSQL URL, a log
   * level) must not reach the server.
   */
  static void withoutCowatchSettings(Map<String, String> environment) {
    environment.keySet().removeIf(name -> name.startsWith("COWATCH_"));
  }

  private static String lastLine(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (!lines.get(i).isBlank()) return ": " + lines.get(i).strip();
      }
      return "";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
