package dev.cowatch.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Media streaming against nginx: one generated file served by Cowatch (its own JVM, the real
 * streaming route behind a signed URL) and by nginx (sendfile), each driven by the same seeded
 * {@link RangeLoad}. After a warm-up of each, the servers take turns in rounds ordered
 * Cowatch-nginx, nginx-Cowatch, ... so that a neighbour's build slowing the machine for a while
 * weighs on both alike. Everything runs on loopback, in a temporary directory removed at the end.
 */
public final class MediaBench {
  /** The load and its timings. {@code timeBound}: the whole run, set-up included, ends within it. */
  public record Scenario(long fileBytes, int clients, Duration warmup, Duration round, int rounds, long seed,
      Duration timeBound) {

    /**
     * 1 GiB, 32 clients, 20 s of measurement per server (4 rounds of 5 s) after 15 s of warm-up: a fresh
     * Cowatch JVM needs about 10 s under this load before its JIT has settled (nginx needs none).
     */
    public static Scenario full() {
      return new Scenario(1L << 30, 32, Duration.ofSeconds(15), Duration.ofSeconds(5), 4, 42, Duration.ofMinutes(5));
    }

    /** The same run, short and on 16 MiB: for the test that keeps the benchmark working. */
    public static Scenario quick() {
      return new Scenario(16L << 20, 4, Duration.ofMillis(300), Duration.ofMillis(700), 2, 7, Duration.ofMinutes(2));
    }
  }

  public record Result(Measurement cowatch, Measurement nginx) {
    public String line() {
      return Measurement.line(cowatch, nginx);
    }
  }

  private final Scenario scenario;

  public MediaBench(Scenario scenario) {
    this.scenario = scenario;
  }

  /** Runs, but gives up after the scenario's time bound: then both figures are errors. */
  public Result runBounded(PrintStream out) throws InterruptedException {
    return Bounded.run("media", scenario.timeBound(), Duration.ofSeconds(20), out, () -> run(out),
        why -> new Result(Measurement.failed(why), Measurement.failed(why)));
  }

  public Result run(PrintStream out) throws IOException, InterruptedException {
    // nginx's workers may run as another user (nobody): they must reach the file.
    Path dir = Files.createTempDirectory("cowatch-bench-media", PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwxr-xr-x")));
    // Ctrl-C or a kill must not leave a gigabyte behind either.
    Thread cleanup = new Thread(() -> deleteQuietly(dir), "media-bench-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      Path file = dir.resolve("media.bin");
      long t0 = System.nanoTime();
      MediaFile.create(file, scenario.fileBytes(), scenario.seed());
      out.printf(Locale.ROOT, "file: %d MiB of pseudo-random bytes, made in %.1f s; %d cores, Java %s%n",
          scenario.fileBytes() >> 20, (System.nanoTime() - t0) / 1e9, Runtime.getRuntime().availableProcessors(),
          Runtime.version());
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
      t0 = System.nanoTime();
      try (Started cowatch = CowatchProcess.start(dir.resolve("cowatch"), file);
          Started nginx = NginxServer.start(dir.resolve("nginx"), file);
          FileChannel expected = FileChannel.open(file)) {
        out.printf(Locale.ROOT, "servers: %s and %s ready in %.1f s (Cowatch imported the file)%n", cowatch.process(),
            nginx.process(), (System.nanoTime() - t0) / 1e9);
        out.printf(Locale.ROOT, "load: %d clients, keep-alive, ranges of %d KiB-%d MiB (%d%% open near the end, %d%% "
                + "suffix), %d rounds of %.1f s per server after %.1f s of warm-up%n", scenario.clients(),
            RangeMix.MIN_BYTES >> 10, RangeMix.MAX_BYTES >> 20, RangeMix.OPEN_NEAR_END_PERCENT, RangeMix.SUFFIX_PERCENT,
            scenario.rounds(), scenario.round().toMillis() / 1e3, scenario.warmup().toMillis() / 1e3);
        return measure(out, new RangeLoad(scenario.fileBytes(), expected, scenario.clients()), cowatch, nginx);
      }
    } finally {
      deleteQuietly(dir);
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway, and finds nothing left
      }
    }
  }

  private Result measure(PrintStream out, RangeLoad load, Started cowatch, Started nginx) throws InterruptedException {
    // Warm-up (JIT, page cache, connection pools) on another seed; its errors still count.
    Measurement cw = once(out, "warm-up cowatch", load, cowatch, scenario.seed() - 1, scenario.warmup());
    Measurement nw = once(out, "warm-up nginx", load, nginx, scenario.seed() - 1, scenario.warmup());
    Measurement c = null;
    Measurement n = null;
    for (int r = 0; r < scenario.rounds(); r++) {
      long seed = scenario.seed() + r;
      boolean cowatchFirst = r % 2 == 0;
      Started first = cowatchFirst ? cowatch : nginx;
      Started second = cowatchFirst ? nginx : cowatch;
      Measurement a = once(out, "round " + (r + 1) + " " + first.process().name(), load, first, seed, scenario.round());
      Measurement b = once(out, "round " + (r + 1) + " " + second.process().name(), load, second, seed, scenario.round());
      Measurement mc = cowatchFirst ? a : b;
      Measurement mn = cowatchFirst ? b : a;
      c = c == null ? mc : c.plus(mc);
      n = n == null ? mn : n.plus(mn);
    }
    c = withWarmupErrors(c, cw);
    n = withWarmupErrors(n, nw);
    out.println(c.detail("cowatch"));
    out.println(n.detail("nginx"));
    return new Result(c, n);
  }

  private static Measurement once(PrintStream out, String label, RangeLoad load, Started server, long seed,
      Duration duration) throws InterruptedException {
    Measurement m = server.process().alive()
        ? load.run(server.target(), seed, duration, server.process()::cpuNanos)
        : Measurement.failed(server.process() + " is not running");
    out.println("  " + m.detail(label));
    return m;
  }

  private static Measurement withWarmupErrors(Measurement m, Measurement warmup) {
    if (warmup.errors() == 0) return m;
    return new Measurement(m.requests(), m.bytes(), m.seconds(), m.firstByteMs(), m.clientCpuSeconds(),
        m.serverCpuSeconds(), m.errors() + warmup.errors(), m.firstError() != null ? m.firstError() : warmup.firstError());
  }

  private static void deleteQuietly(Path dir) {
    try {
      deleteTree(dir);
    } catch (IOException | RuntimeException e) {
      System.err.println("media: could not remove " + dir + ": " + e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
