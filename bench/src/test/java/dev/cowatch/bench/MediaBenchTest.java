package dev.cowatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Keeps the benchmark working: the short run starts the three servers (Cowatch in its own JVM, nginx with
 * its generated configuration, Cowatch behind nginx with X-Accel-Redirect), every answer to the Range load checks out, and the summary line has
 * numbers in it. How fast either server is belongs to docs/performance.md, not here.
 */
class MediaBenchTest {
  @Test
  void quickRun_servesTheSameRangesFromBothServers_withoutErrors() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    MediaBench.Result r = new MediaBench(MediaBench.Scenario.quick())
        .runBounded(new PrintStream(log, true, StandardCharsets.UTF_8));

    String printed = log.toString(StandardCharsets.UTF_8);
    assertThat(r.cowatch().ok()).as(printed).isTrue();
    assertThat(r.nginx().ok()).as(printed).isTrue();
    assertThat(r.accel().ok()).as(printed).isTrue();
    assertThat(r.accel().requests()).isPositive();
    assertThat(r.cowatch().requests()).isPositive();
    assertThat(r.nginx().requests()).isPositive();
    assertThat(r.line()).matches("media: cowatch_mib_s=\\d+\\.\\d nginx_mib_s=\\d+\\.\\d ratio=\\d+\\.\\d{3} "
        + "cowatch_cpu_s_per_gib=\\d+\\.\\d{3} nginx_cpu_s_per_gib=\\d+\\.\\d{3} cowatch_first_byte_p99_ms=\\d+\\.\\d{2} "
        + "nginx_first_byte_p99_ms=\\d+\\.\\d{2} accel_ratio=\\d+\\.\\d{3}");
    assertThat(printed).contains("round 1 cowatch", "round 1 nginx", "round 1 accel", "round 2 nginx",
        "round 2 accel", "round 2 cowatch");
  }
}
