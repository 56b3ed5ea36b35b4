package dev.cowatch.server.media.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTrackerTest {
  private final List<Double> reports = new ArrayList<>();
  private final ProgressTracker tracker = new ProgressTracker(10_000, reports::add);

  @Test
  void outTime_isAFractionOfTheDuration() {
    feed("frame=10", "out_time_us=N/A", "out_time_us=2500000", "progress=continue", "out_time_us=5000000");

    assertThat(reports).containsExactly(0.25, 0.5);
  }

  @Test
  void outTimeMs_isMicrosecondsToo() {
    feed("out_time_ms=7500000");

    assertThat(reports).containsExactly(0.75);
  }

  @Test
  void reports_neverGoBack_andSkipTinySteps() {
    feed("out_time_us=4000000", "out_time_us=3000000", "out_time_us=4000001", "out_time_us=4020000");

    assertThat(reports).containsExactly(0.4, 0.402);
  }

  @Test
  void beforeFinishing_reportsStayBelowOne_evenPastTheDuration() {
    feed("out_time_us=12000000", "progress=end");

    assertThat(reports).containsExactly(0.999);
    tracker.finish();
    tracker.finish();
    assertThat(reports).containsExactly(0.999, 1.0);
  }

  @Test
  void negativeTimes_countAsZero_andGarbageIsIgnored() {
    feed("out_time_us=-23000", "nonsense", "=", "out_time_us=", "out_time_us=12x");

    assertThat(reports).containsExactly(0.0);
    assertThat(tracker.reported()).isZero();
  }

  @Test
  void anUnknownDuration_stillEndsAtOne() {
    List<Double> got = new ArrayList<>();
    ProgressTracker unknown = new ProgressTracker(0, got::add);

    unknown.line("out_time_us=5000000");
    unknown.finish();

    assertThat(got).containsExactly(0.999, 1.0);
  }

  private void feed(String... lines) {
    for (String line : lines) tracker.line(line);
  }
}
