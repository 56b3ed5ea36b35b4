package dev.cowatch.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Media streaming against nginx: one generated file served by Cowatch (its own JVM, the real
 * streaming route behind a signed URL), by nginx (sendfile), and by Cowatch behind nginx with
 * {@code --media-accel-redirect} ("accel": Cowatch checks the signed URL, nginx sends the file;
 * {@link AccelFront}), each driven by the same seeded {@link RangeLoad}. After a warm-up of each, the
 * servers take turns in rounds whose order rotates (Cowatch-nginx-accel, nginx-accel-Cowatch, ...) so
 * that a neighbour's build slowing the machine for a while weighs on all alike. Server CPU is each
 * server's processes' user + system time from /proc. Everything runs on loopback, in a temporary
 * directory removed at the end.
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
      return new Scenario(1L << 30, 32, Duration.ofSeconds(15), Duration.ofSeconds(5), 4, 42, Duration.ofMinutes(8));
    }

    /** The same run, short and on 16 MiB: for the test that keeps the benchmark working. */
    public static Scenario quick() {
      return new Scenario(16L << 20, 4, Duration.ofMillis(300), Duration.ofMillis(700), 2, 7, Duration.ofMinutes(2));
    }
  }

  public record Result(Measurement cowatch, Measurement nginx, Measurement accel) {
    public String line() {
      return Measurement.line(cowatch, nginx, accel);
    }
  }

  private final Scenario scenario;

  public MediaBench(Scenario scenario) {
    this.scenario = scenario;
  }

  /** Runs, but gives up after the scenario's time bound: then both figures are errors. */
  public Result runBounded(PrintStream out) throws InterruptedException {
    return Bounded.run("media", scenario.timeBound(), Duration.ofSeconds(20), out, () -> run(out),
        why -> new Result(Measurement.failed(why), Measurement.failed(why), Measurement.failed(why)));
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
          Started accel = AccelFront.start(dir.resolve("accel"), file);
          FileChannel expected = FileChannel.open(file)) {
        out.printf(Locale.ROOT, "servers: %s, %s and %s ready in %.1f s (each Cowatch imported the file)%n", cowatch,
            nginx, accel, (System.nanoTime() - t0) / 1e9);
        out.printf(Locale.ROOT, "load: %d clients, keep-alive, ranges of %d KiB-%d MiB (%d%% open near the end, %d%% "
                + "suffix), %d rounds of %.1f s per server after %.1f s of warm-up%n", scenario.clients(),
            RangeMix.MIN_BYTES >> 10, RangeMix.MAX_BYTES >> 20, RangeMix.OPEN_NEAR_END_PERCENT, RangeMix.SUFFIX_PERCENT,
            scenario.rounds(), scenario.round().toMillis() / 1e3, scenario.warmup().toMillis() / 1e3);
        return measure(out, new RangeLoad(scenario.fileBytes(), expected, scenario.clients()), List.of(cowatch, nginx,
            accel));
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

  /** {@code servers}: Cowatch, nginx, accel; the result in that order. */
  private Result measure(PrintStream out, RangeLoad load, List<Started> servers) throws InterruptedException {
    int n = servers.size();
    // Warm-up (JIT, page cache, connection pools) on another seed; its errors still count.
    Measurement[] warm = new Measurement[n];
    for (int i = 0; i < n; i++) {
      warm[i] = once(out, "warm-up " + servers.get(i).name(), load, servers.get(i), scenario.seed() - 1,
          scenario.warmup());
    }
    Measurement[] sum = new Measurement[n];
    for (int r = 0; r < scenario.rounds(); r++) {
      long seed = scenario.seed() + r;
      for (int k = 0; k < n; k++) {
        int i = (r + k) % n;
        Started server = servers.get(i);
        Measurement m = once(out, "round " + (r + 1) + " " + server.name(), load, server, seed, scenario.round());
        sum[i] = sum[i] == null ? m : sum[i].plus(m);
      }
    }
    for (int i = 0; i < n; i++) {
      sum[i] = withWarmupErrors(sum[i], warm[i]);
      out.println(sum[i].detail(servers.get(i).name()));
    }
    return new Result(sum[0], sum[1], sum[2]);
  }

  private static Measurement once(PrintStream out, String label, RangeLoad load, Started server, long seed,
      Duration duration) throws InterruptedException {
    long[] before = server.cpuNanosEach();
    Measurement m = server.alive()
        ? load.run(server.target(), seed, duration, server::cpuNanos)
        : Measurement.failed(server + " is not running");
    out.println("  " + m.detail(label) + server.cpuShares(before, m.seconds()));
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
