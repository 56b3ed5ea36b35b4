package dev.cowatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DesktopSyncBenchTest {
  @Test
  void line_isTheIssuesFormat_withNaForAFigureNotMeasured() {
    assertThat(new DesktopSyncBench.Result(31.24, 120.0, Double.NaN).line())
        .isEqualTo("desktop-sync: mpv_pos_p95_ms=31.2 vlc_pos_p95_ms=120.0 syncplay_pos_p95_ms=n/a");
    assertThat(new DesktopSyncBench.Result(1, 2, 3.04).line()).endsWith("syncplay_pos_p95_ms=3.0");
  }
}
