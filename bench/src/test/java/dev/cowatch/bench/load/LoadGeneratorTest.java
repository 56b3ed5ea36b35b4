package dev.cowatch.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load generator against a real Cowatch process: a small room's fan-out is timed for every
 * intent, and a few small rooms are held with their traffic. Figures are not judged here.
 */
class LoadGeneratorTest {

  @Test
  void aSmallRoom_seesEveryIntent_andEachIsTimed(@TempDir Path dir) throws Exception {
    try (CowatchServerProcess server = CowatchServerProcess.start(dir)) {
      CowatchApi api = CowatchApi.guest(server.base(), "Test");
      CowatchFanout.Result r = CowatchFanout.run(server, api, 12, new CowatchFanout.Script(40, 3, 15, 150), 1);
      assertThat(r.errors()).as(r.errorSummary()).isZero();
      // Only the paced intents are timed: the 40 of the warm-up, from every member in turn, are not.
      assertThat(r.latenciesMs()).hasSize(15).allSatisfy(ms -> assertThat(ms).isPositive().isLessThan(5_000.0));
    }
  }

  @Test
  void capacity_holdsItsRooms_andReportsHeapPerClient() throws Exception {
    var out = new java.io.ByteArrayOutputStream();
    String line = new CapacityBench(new CapacityBench.Scenario(6, 5, 2, 4, 1, 500, 1)).run(new java.io.PrintStream(out));
    assertThat(line).as(out.toString()).matches("capacity: nodes=1 clients=30 heap_per_client_kib=[0-9.]+ fanout_p99_ms=[0-9.]+ errors=0"
        + " idle_cpu_pct_per_1000=[0-9.]+");
  }
}
