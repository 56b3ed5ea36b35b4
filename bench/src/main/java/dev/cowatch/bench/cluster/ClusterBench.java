package dev.cowatch.bench.cluster;

import dev.cowatch.bench.Stats;
import dev.cowatch.bench.load.CowatchApi;
import dev.cowatch.bench.load.CowatchFanout;
import dev.cowatch.bench.load.CowatchServerProcess;
import dev.cowatch.bench.load.Figure;
import dev.cowatch.bench.syncplay.SyncplayFanout;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * {@code bench/run cluster}: one room spread over three nodes (PostgreSQL, Redis, nginx: the
 * reference deployment) against the same room on a single node, in one run with the two taking
 * turns, then a node killed mid-playback. Last line:
 * {@code cluster: nodes=3 fanout_p95_ms= fanout_p99_ms= single_node_p95_ms= resume_p99_ms= lost=}.
 */
public final class ClusterBench {
  /**
   * @param rounds how many times the single node and the cluster each run the fan-out script, taking turns
   * @param failoverViewers reference clients in the room whose node is killed
   */
  public record Scenario(int nodes, int members, int rounds, CowatchFanout.Script script, int failoverViewers) {
    public static Scenario full() {
      return new Scenario(3, 300, 2, new CowatchFanout.Script(1_500, 10, 60, SyncplayFanout.PACE.toMillis()), 60);
    }

    public static Scenario quick() {
      return new Scenario(3, 30, 1, new CowatchFanout.Script(100, 3, 15, SyncplayFanout.PACE.toMillis()), 12);
    }
  }

  private final Scenario scenario;

  public ClusterBench(Scenario scenario) {
    this.scenario = scenario;
  }

  public String run(PrintStream out) throws IOException, InterruptedException {
    Path runDir = Files.createTempDirectory("cowatch-cluster-");
    out.printf("cluster: %d nodes on PostgreSQL and Redis behind nginx against one node, a room of %d; logs in %s%n",
        scenario.nodes(), scenario.members(), runDir);
    List<Double> single = new ArrayList<>();
    List<Double> spread = new ArrayList<>();
    long errors = 0;
    FailoverRun.Result failover;
    try (Cluster cluster = Cluster.start(runDir, scenario.nodes());
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2)) {
      try (CowatchServerProcess alone = CowatchServerProcess.start(runDir.resolve("single"), List.of())) {
        CowatchApi aloneApi = CowatchApi.guest(alone.base(), "Bench");
        CowatchApi clusterApi = CowatchApi.guest(cluster.balancer(), "Bench");
        for (int r = 0; r < scenario.rounds(); r++) {
          CowatchFanout.Result a = CowatchFanout.run(List.of(alone.address()), aloneApi, scenario.members(),
              scenario.script(), 1);
          out.println(detail("single node", r, a));
          CowatchFanout.Result c = CowatchFanout.run(cluster.addresses(), clusterApi, scenario.members(),
              scenario.script(), 1);
          out.println(detail(scenario.nodes() + " nodes", r, c));
          single.addAll(a.latenciesMs());
          spread.addAll(c.latenciesMs());
          errors += a.errors() + c.errors();
        }
      }
      failover = FailoverRun.run(cluster, scenario.failoverViewers(), scheduler);
    }
    Stats s = Stats.of(single);
    Stats c = Stats.of(spread);
    Stats resume = Stats.of(failover.resumeMs());
    out.printf("  fan-out, single node: p50 %s p95 %s p99 %s ms; across nodes: p50 %s p95 %s p99 %s ms (%d errors)%n",
        Figure.of(s.percentile(50), 2), Figure.of(s.percentile(95), 2), Figure.of(s.percentile(99), 2),
        Figure.of(c.percentile(50), 2), Figure.of(c.percentile(95), 2), Figure.of(c.percentile(99), 2), errors);
    out.printf("  kill -9 of the node with most viewers (connections per node %s): %d of %d viewers were on it; back as themselves: p50 %s p99 %s max %s ms;"
        + " not back in %d s: %d; acknowledged and lost: %d chat lines, %d timeline%n", failover.connectionsPerNode(),
        failover.onVictim(),
        scenario.failoverViewers(), Figure.of(resume.percentile(50), 0), Figure.of(resume.percentile(99), 0),
        Figure.of(resume.max(), 0), FailoverRun.BACK_BOUND_MS / 1000, failover.notBack(), failover.lostChat(),
        failover.lostTimeline());
    return line(scenario.nodes(), c, errors, s, resume, failover);
  }

  static String line(int nodes, Stats spread, long errors, Stats single, Stats resume, FailoverRun.Result failover) {
    // A resume figure that leaves out a viewer who never came back would flatter: none then.
    long resumeErrors = failover.notBack() + (failover.onVictim() == 0 ? 1 : 0);
    return "cluster: nodes=" + nodes
        + " fanout_p95_ms=" + Figure.ifClean(spread.percentile(95), errors, 2)
        + " fanout_p99_ms=" + Figure.ifClean(spread.percentile(99), errors, 2)
        + " single_node_p95_ms=" + Figure.ifClean(single.percentile(95), errors, 2)
        + " resume_p99_ms=" + Figure.ifClean(resume.percentile(99), resumeErrors, 0)
        + " lost=" + failover.lost();
  }

  private static String detail(String who, int round, CowatchFanout.Result r) {
    Stats s = Stats.of(r.latenciesMs());
    return String.format("  round %d, %s: %d intents, p50 %s p95 %s p99 %s max %s ms, errors %d%s", round + 1, who,
        s.count(), Figure.of(s.percentile(50), 2), Figure.of(s.percentile(95), 2), Figure.of(s.percentile(99), 2),
        Figure.of(s.max(), 2), r.errors(), r.errors() == 0 ? "" : r.errorSummary());
  }
}
