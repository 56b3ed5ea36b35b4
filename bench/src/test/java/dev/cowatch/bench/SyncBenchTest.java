package dev.cowatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Keeps the benchmark working: the short scenario runs end to end and no intent is echoed. The
 * accuracy figures are the benchmark's business (docs/performance.md), not asserted here.
 */
class SyncBenchTest {
  @Test
  void quickScenario_printsItsSummaryLine_andSendsNoEchoes() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    SyncBench.Result result = new SyncBench(SyncBench.Scenario.quick()).run(new PrintStream(log, true, StandardCharsets.UTF_8));

    assertThat(result.echoes()).isZero();
    assertThat(result.posSamples()).isPositive();
    assertThat(result.line()).matches(
        "sync: clock_p95_ms=\\d+\\.\\d pos_p50_ms=\\d+\\.\\d pos_p95_ms=\\d+\\.\\d pos_p99_ms=\\d+\\.\\d converge_ms=\\d+ echoes=0");
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("gesture: seek", "late joiner", "buffers for");
  }
}
