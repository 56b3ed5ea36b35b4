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
 * the fan-out script is played on both, alternately (off, on, on, off), so that a machine growing busier
 * during the run weighs on both alike. One line per size:
 * {@code fanout-metrics: members=M off_p95_ms=X on_p95_ms=Y off_p99_ms=.. on_p99_ms=.. ratio_p95=Y/X}.
 */
public final class MetricsCostBench {
  private final FanoutBench.Scenario scenario;

  public MetricsCostBench(FanoutBench.Scenario scenario) {
    this.scenario = scenario;
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
        List<Double> offMs = new ArrayList<>();
        List<Double> onMs = new ArrayList<>();
        long errors = 0;
        // off, on, on, off: each server is measured early and late in the size's stretch.
        for (boolean metrics : new boolean[] {false, true, true, false}) {
          CowatchFanout.Result r = CowatchFanout.run(metrics ? on : off, metrics ? onApi : offApi, members,
              scenario.cowatchScript(), scenario.loops());
          out.println(FanoutBench.detail(metrics ? "metrics-on" : "metrics-off", members, r));
          (metrics ? onMs : offMs).addAll(r.latenciesMs());
          errors += r.errors();
        }
        Stats a = Stats.of(offMs);
        Stats b = Stats.of(onMs);
        out.println("fanout-metrics: members=" + members
            + " off_p95_ms=" + Figure.ifClean(a.percentile(95), errors, 2)
            + " on_p95_ms=" + Figure.ifClean(b.percentile(95), errors, 2)
            + " off_p99_ms=" + Figure.ifClean(a.percentile(99), errors, 2)
            + " on_p99_ms=" + Figure.ifClean(b.percentile(99), errors, 2)
            + " ratio_p95=" + Figure.ifClean(b.percentile(95) / a.percentile(95), errors, 3));
      }
    }
  }
}
