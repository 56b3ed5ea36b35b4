package dev.cowatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StartupResultTest {
  private static StartupSample ok(double ms, long rssMib) {
    return StartupSample.ready(ms, ms + 40, rssMib * 1024, 900);
  }

  @Test
  void line_givesTheMedianReadyTimeAndRss_ofTheEmptyDataDirStarts() {
    StartupResult r = new StartupResult(
        List.of(ok(1300, 190), ok(1100.4, 180), ok(1900, 200), ok(1250, 185), ok(1210, 170)),
        List.of(ok(900, 150), ok(950, 160), ok(1000, 170), ok(910, 150), ok(920, 150)));
    assertThat(r.line()).isEqualTo("startup: ready_ms=1250 rss_mib=185 first_request_ms=1290");
  }

  @Test
  void line_saysError_whenAnyStartFailed_ofEitherKind() {
    List<StartupSample> good = List.of(ok(1000, 180), ok(1100, 180), ok(1200, 180));
    List<StartupSample> oneFailed = List.of(ok(1000, 180), StartupSample.failed("timed out"), ok(1200, 180));
    assertThat(new StartupResult(oneFailed, good).line()).isEqualTo("startup: ready_ms=error rss_mib=error first_request_ms=error");
    assertThat(new StartupResult(good, oneFailed).line()).isEqualTo("startup: ready_ms=error rss_mib=error first_request_ms=error");
    assertThat(StartupResult.failed("no launcher").line()).isEqualTo("startup: ready_ms=error rss_mib=error first_request_ms=error");
    assertThat(new StartupResult(List.of(), List.of()).line()).isEqualTo("startup: ready_ms=error rss_mib=error first_request_ms=error");
  }

  @Test
  void summary_givesMedianSpreadRssAndCpu_orTheFirstError() {
    List<StartupSample> samples = List.of(ok(1200, 180), ok(1000, 170), ok(1500, 200));
    assertThat(StartupResult.summary("restart", samples))
        .isEqualTo("restart: ready median 1200 ms (min 1000, max 1500, n=3), first request median 1240 ms, rss median 180 MiB, "
            + "cpu median 900 ms");
    assertThat(StartupResult.summary("restart", List.of(ok(1000, 1), StartupSample.failed("exited with 1"))))
        .isEqualTo("restart: error (exited with 1)");
    assertThat(StartupResult.summary("restart", List.of())).isEqualTo("restart: error (no start measured)");
  }

  @Test
  void aSample_describesItsFigures_orItsError() {
    assertThat(StartupSample.ready(1234.4, 1301, 180 * 1024, 2100).describe())
        .isEqualTo("1234 ms, first request answered at 1301 ms, 180 MiB, cpu 2100 ms");
    assertThat(StartupSample.failed("no answer").describe()).isEqualTo("error: no answer");
  }
}
