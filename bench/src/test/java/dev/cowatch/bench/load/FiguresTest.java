package dev.cowatch.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Summary lines carry measured numbers or the word error, never a number that was not measured. */
class FiguresTest {

  @Test
  void fanoutLine_withErrorsOnEitherSide_saysError() {
    var clean = new CowatchFanout.Result(List.of(1.0, 2.0, 3.0, 4.0), 0, "");
    var peer = new CowatchFanout.Result(List.of(10.0, 20.0, 30.0, 40.0), 0, "");
    assertThat(new FanoutBench.SizeResult(100, clean, peer).line())
        .isEqualTo("fanout: members=100 cowatch_p95_ms=4.00 cowatch_p99_ms=4.00 syncplay_p95_ms=40.00 ratio_p95=0.100");
    var broken = new CowatchFanout.Result(List.of(10.0), 3, "lost");
    assertThat(new FanoutBench.SizeResult(100, clean, broken).line())
        .isEqualTo("fanout: members=100 cowatch_p95_ms=4.00 cowatch_p99_ms=4.00 syncplay_p95_ms=error ratio_p95=error");
    assertThat(new FanoutBench.SizeResult(100, broken, peer).line())
        .isEqualTo("fanout: members=100 cowatch_p95_ms=error cowatch_p99_ms=error syncplay_p95_ms=40.00 ratio_p95=error");
    assertThat(new FanoutBench.SizeResult(100, clean, null).line()).contains("syncplay_p95_ms=error");
  }

  @Test
  void capacityLine_withoutMeasurements_saysError() {
    assertThat(CapacityBench.line(1, 19_000, 5.5, 12.25, 0, 0.4321))
        .isEqualTo("capacity: nodes=1 clients=19000 heap_per_client_kib=5.50 fanout_p99_ms=12.25 errors=0"
            + " idle_cpu_pct_per_1000=0.432");
    assertThat(CapacityBench.line(3, 0, Double.NaN, Double.NaN, 4, Double.NaN))
        .isEqualTo("capacity: nodes=3 clients=0 heap_per_client_kib=error fanout_p99_ms=error errors=4"
            + " idle_cpu_pct_per_1000=error");
  }

  @Test
  void theCapacityScenario_shrinksToWholeRoomsWithinTheOpenFilesLimit() {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    var full = CapacityBench.Scenario.full();
    assertThat(new CapacityBench(full).fitted(1_048_576, quiet)).isEqualTo(full);
    var fitted = new CapacityBench(full).fitted(20_000, quiet);
    assertThat(fitted.rooms()).isEqualTo(1_900);
    assertThat(fitted.perRoom()).isEqualTo(10);
    assertThat(fitted.activeRooms()).isEqualTo(100);
  }

  @Test
  void liveBytes_comesFromTheHistogramsTotal() throws IOException {
    String histogram = """
         num     #instances         #bytes  class name (module)
        -------------------------------------------------------
           1:         19710       20262720  [J (java.base@25.0.3)
        Total        721366       51593544
        """;
    assertThat(CowatchServerProcess.liveBytes(histogram)).isEqualTo(51_593_544L);
  }
}
