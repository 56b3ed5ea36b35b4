package dev.cowatch.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.bench.Stats;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cluster line carries measured numbers or the word error, never a number that flatters. */
class ClusterFiguresTest {
  private final Stats spread = Stats.of(List.of(2.0, 3.0, 4.0));
  private final Stats single = Stats.of(List.of(1.0, 1.5, 2.0));
  private final Stats resume = Stats.of(List.of(180.0, 250.0));

  @Test
  void aCleanRun_givesEveryFigure() {
    var failover = new FailoverRun.Result(List.of(180.0, 250.0), List.of(2, 2, 2), 2, 0, 0, 0);
    assertThat(ClusterBench.line(3, spread, 0, single, resume, failover))
        .matches("cluster: nodes=3 fanout_p95_ms=[0-9.]+ fanout_p99_ms=[0-9.]+ single_node_p95_ms=[0-9.]+"
            + " resume_p99_ms=25\\d lost=0");
  }

  @Test
  void aViewerNotBack_orNobodyOnTheKilledNode_leavesNoResumeFigure() {
    var oneMissing = new FailoverRun.Result(List.of(180.0), List.of(2, 2, 2), 2, 1, 0, 0);
    assertThat(ClusterBench.line(3, spread, 0, single, resume, oneMissing)).contains("resume_p99_ms=error");
    var nobody = new FailoverRun.Result(List.of(), List.of(0, 3, 3), 0, 0, 0, 0);
    assertThat(ClusterBench.line(3, spread, 0, single, Stats.of(List.of()), nobody)).contains("resume_p99_ms=error");
  }

  @Test
  void fanOutErrors_leaveNoFanOutFigure_andLostCountsChatAndTimeline() {
    var lostSome = new FailoverRun.Result(List.of(180.0), List.of(2, 2, 2), 1, 0, 2, 1);
    assertThat(ClusterBench.line(3, spread, 4, single, resume, lostSome))
        .contains("fanout_p95_ms=error fanout_p99_ms=error single_node_p95_ms=error").endsWith("lost=3");
  }
}
