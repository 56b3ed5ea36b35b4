package dev.cowatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Keeps the benchmark working: the short run starts both servers (Cowatch in its own JVM, nginx with
 * its generated configuration), every answer to the Range load checks out, and the summary line has
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
    assertThat(r.cowatch().requests()).isPositive();
    assertThat(r.nginx().requests()).isPositive();
    assertThat(r.line()).matches("media: cowatch_mib_s=\\d+\\.\\d nginx_mib_s=\\d+\\.\\d ratio=\\d+\\.\\d{3} "
        + "cowatch_first_byte_p99_ms=\\d+\\.\\d{2}");
    assertThat(printed).contains("round 1 cowatch", "round 1 nginx", "round 2 nginx", "round 2 cowatch");
  }
}
