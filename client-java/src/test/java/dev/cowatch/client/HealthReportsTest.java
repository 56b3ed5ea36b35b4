package dev.cowatch.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.sync.HealthReporting;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client asks once a check; core's rule (and its shared vectors) decides. */
class HealthReportsTest {
  private final HealthReports reports = new HealthReports();
  private final List<Long> sent = new ArrayList<>();

  /** Asks once per check from {@code fromMs} (inclusive) to {@code toMs} (exclusive). */
  private void ask(boolean ready, long fromMs, long toMs, double driftMs) {
    for (long t = fromMs; t < toMs; t += HealthReports.CHECK_MS) {
      if (reports.due(ready, t, driftMs, 40)) sent.add(t);
    }
  }

  @Test
  void firstReportAsSoonAsSynced_thenOnlyOnChange_atMostEveryFiveSeconds() {
    ask(false, 0, 3_000, 0);
    ask(true, 3_000, 15_000, 0);
    ask(true, 15_000, 30_000, HealthReporting.DRIFT_CHANGE_MS);
    assertThat(sent).containsExactly(3_000L, 15_000L);
  }

  @Test
  void aNewConnectionReportsAtOnce() {
    ask(true, 0, 2_000, 0);
    ask(false, 2_000, 3_000, 0);
    ask(true, 3_000, 4_000, 0);
    assertThat(sent).containsExactly(0L, 3_000L);
  }
}
