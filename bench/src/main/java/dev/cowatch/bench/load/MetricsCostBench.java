package dev.cowatch.bench.load;

import dev.cowatch.bench.Stats;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bench/run fanout-metrics}: what measuring costs. Two Cowatch servers run side by side in the
 * same run, one as shipped (metrics on) and one started with {@code --no-metrics}, and each room size of
 * the fan-out script is played on both in blocks (off, on, on, off), {@link #rounds} times, so that a
 * machine growing busier or quieter during the run weighs on both alike. Beside the fan-out latencies it
 * takes each server's CPU time over its blocks (from /proc), which other processes on a busy machine
 * disturb far less than wall-clock latencies, and the load average at the start and end. One line per size:
 * {@code fanout-metrics: members=M off_p50_ms=.. on_p50_ms=.. off_p95_ms=.. on_p95_ms=.. off_p99_ms=..
 * on_p99_ms=.. ratio_p50=.. ratio_p95=.. off_cpu_ms=.. on_cpu_ms=.. ratio_cpu=.. load=A-B}.
 */
public final class MetricsCostBench {
  /** Rounds of four blocks; BENCH_METRICS_ROUNDS overrides. */
  static final int ROUNDS = 2;
  private static final boolean[] BLOCKS = {false, true, true, false};

  private final FanoutBench.Scenario scenario;
  private final int rounds;

  public MetricsCostBench(FanoutBench.Scenario scenario, int rounds) {
    if (rounds < 1) throw new IllegalArgumentException("at least one round, not " + rounds);
    this.scenario = scenario;
    this.rounds = rounds;
  }

  public void run(PrintStream out) throws IOException, InterruptedException {
    Path offDir = Files.createTempDirectory("cowatch-metrics-off-");
    Path onDir = Files.createTempDirectory("cowatch-metrics-on-");
    try (CowatchServerProcess off = CowatchServerProcess.start(offDir, List.of("--no-metrics"));
        CowatchServerProcess on = CowatchServerProcess.start(onDir)) {
      CowatchApi offApi = CowatchApi.guest(off.base(), "Bench");
      CowatchApi onApi = CowatchApi.guest(on.base(), "Bench");
      out.printf("fanout-metrics: off pid %d (log %s), on pid %d (log %s)%n", off.process().process().pid(),
          offDir.resolve("server.log"), on.process().process().pid(), onDir.resolve("server.log"));
      for (int members : scenario.sizes()) {
        String loadBefore = loadAverage();
        List<Double> offMs = new ArrayList<>();
        List<Double> onMs = new ArrayList<>();
        long[] cpuNanos = new long[2];
        long errors = 0;
        for (int round = 0; round < rounds; round++) {
          for (boolean metrics : BLOCKS) {
            CowatchServerProcess server = metrics ? on : off;
            long cpuBefore = server.process().cpuNanos();
            CowatchFanout.Result r = CowatchFanout.run(server, metrics ? onApi : offApi, members,
                scenario.cowatchScript(), scenario.loops());
            long cpu = server.process().cpuNanos() - cpuBefore;
            cpuNanos[metrics ? 1 : 0] += cpu;
            out.println(FanoutBench.detail(metrics ? "metrics-on" : "metrics-off", members, r)
                + " server_cpu_ms=" + cpu / 1_000_000);
            (metrics ? onMs : offMs).addAll(r.latenciesMs());
            errors += r.errors();
          }
        }
        out.println(summary(members, Stats.of(offMs), Stats.of(onMs), cpuNanos, errors,
            loadBefore + "-" + loadAverage()));
      }
    }
  }

  static String summary(int members, Stats off, Stats on, long[] cpuNanos, long errors, String load) {
    return "fanout-metrics: members=" + members
        + " off_p50_ms=" + Figure.ifClean(off.percentile(50), errors, 2)
        + " on_p50_ms=" + Figure.ifClean(on.percentile(50), errors, 2)
        + " off_p95_ms=" + Figure.ifClean(off.percentile(95), errors, 2)
        + " on_p95_ms=" + Figure.ifClean(on.percentile(95), errors, 2)
        + " off_p99_ms=" + Figure.ifClean(off.percentile(99), errors, 2)
        + " on_p99_ms=" + Figure.ifClean(on.percentile(99), errors, 2)
        + " ratio_p50=" + Figure.ifClean(on.percentile(50) / off.percentile(50), errors, 3)
        + " ratio_p95=" + Figure.ifClean(on.percentile(95) / off.percentile(95), errors, 3)
        + " off_cpu_ms=" + cpuNanos[0] / 1_000_000
        + " on_cpu_ms=" + cpuNanos[1] / 1_000_000
        + " ratio_cpu=" + Figure.ifClean((double) cpuNanos[1] / cpuNanos[0], errors, 3)
        + " load=" + load;
  }

  /** The one-minute load average, as /proc/loadavg has it ("?" where there is none). */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  /** BENCH_METRICS_ROUNDS, or the default. */
  public static int rounds(String env) {
    if (env == null || env.isBlank()) return ROUNDS;
    return Integer.parseInt(env.strip());
  }
}
