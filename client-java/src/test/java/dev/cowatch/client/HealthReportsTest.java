package dev.cowatch.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthReportsTest {
  private final HealthReports reports = new HealthReports();
  private final List<Long> sent = new ArrayList<>();

  /** Asks once per check from {@code fromMs} (inclusive) to {@code toMs} (exclusive). */
  private void ask(boolean ready, long fromMs, long toMs) {
    for (long t = fromMs; t < toMs; t += HealthReports.CHECK_MS) {
      if (reports.due(ready, t)) sent.add(t);
    }
  }

  @Test
  void firstReportAsSoonAsSynced_thenEveryFiveSeconds() {
    ask(false, 0, 3_000);
    ask(true, 3_000, 15_000);
    assertThat(sent).containsExactly(3_000L, 8_000L, 13_000L);
  }

  @Test
  void aNewConnectionReportsAtOnce() {
    ask(true, 0, 2_000);
    ask(false, 2_000, 3_000);
    ask(true, 3_000, 4_000);
    assertThat(sent).containsExactly(0L, 3_000L);
  }
}
