package dev.cowatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatusTest {
  private static final String STATUS = """
      Name:\tjava
      Umask:\t0022
      State:\tS (sleeping)
      Pid:\t4242
      VmPeak:\t 9002112 kB
      VmSize:\t 8936576 kB
      VmHWM:\t  312000 kB
      VmRSS:\t  289036 kB
      RssAnon:\t  250000 kB
      Threads:\t42
      """;

  @Test
  void vmRss_isTheVmRssLinesFigureInKib_notAnotherVmLine() {
    assertThat(ProcStatus.vmRssKib(STATUS)).hasValue(289036);
  }

  @Test
  void vmRss_isEmpty_whenTheLineIsMissing_asForAZombie() {
    assertThat(ProcStatus.vmRssKib("Name:\tjava\nState:\tZ (zombie)\nThreads:\t1\n")).isEmpty();
  }

  @Test
  void vmRss_isEmpty_whenTheFigureIsNotKilobytesOrNotANumber() {
    assertThat(ProcStatus.vmRssKib("VmRSS:\t  289036 MB\n")).isEmpty();
    assertThat(ProcStatus.vmRssKib("VmRSS:\t  lots kB\n")).isEmpty();
    assertThat(ProcStatus.vmRssKib("VmRSS:\n")).isEmpty();
  }

  @Test
  void rssAndCpu_ofThisJvm_arePositive() {
    // A JVM that runs tests holds tens of MiB at least; a wrong unit or field would be far off.
    assertThat(ProcStatus.treeRssKib(ProcessHandle.current()).orElseThrow()).isBetween(10_000L, 64_000_000L);
    assertThat(ProcStatus.treeCpuMs(ProcessHandle.current())).isPositive();
  }

  @Test
  void rss_ofAProcessThatIsGone_isEmpty() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    assertThat(ProcStatus.treeRssKib(p.toHandle())).isEmpty();
  }
}
