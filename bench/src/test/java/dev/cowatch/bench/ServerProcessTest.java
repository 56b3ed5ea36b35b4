package dev.cowatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerProcessTest {
  @Test
  void cpuTicks_areUtimePlusStime_evenWhenTheNameHoldsSpacesAndParentheses() {
    String stat = "4242 (nginx: worker (x)) S 1 4242 4242 0 -1 4194624 100 0 0 0 37 5 0 0 20 0 1 0 12345 0 0";
    assertThat(ServerProcess.parseCpuTicks(stat)).isEqualTo(42);
  }

  @Test
  void cpuTicks_ofThisJvm_arePositive() {
    long ticks = ServerProcess.cpuTicks(ProcessHandle.current().pid());
    assertThat(ticks).isPositive();
  }
}
