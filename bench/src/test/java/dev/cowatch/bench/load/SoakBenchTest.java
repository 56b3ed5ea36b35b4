package dev.cowatch.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SoakBenchTest {
  @Test
  void slope_isTheLeastSquaresLine_throughNoisySamples() {
    List<double[]> xy = List.of(new double[] {0, 1}, new double[] {1, 3.2}, new double[] {2, 4.8}, new double[] {3, 7.1});

    assertThat(Slope.of(xy)).isCloseTo(1.99, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(Slope.of(List.of(new double[] {5, 100}, new double[] {6, 100}))).isZero();
    assertThat(Slope.of(List.of(new double[] {5, 100}))).isNaN();
  }

  @Test
  void threads_comeFromTheStatusFilesThreadsLine() throws Exception {
    assertThat(SoakBench.parseThreads("Name:\tjava\nState:\tS\nThreads:\t47\nSigQ:\t0/1\n")).isEqualTo(47);
  }

  @Test
  void aShortSoak_churnsItsClients_andPrintsTheSummaryLineLast() throws Exception {
    // 0.2 min = 12 s: 3 rooms of a host and 6 viewers, 10% of the viewers replaced each second, chat every 3 s.
    SoakBench.Scenario tiny = new SoakBench.Scenario(0.2, 3, 6, 0.1, 3, 1_000, 2, 0.25);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    String line = new SoakBench(tiny).run(new PrintStream(out, true, StandardCharsets.UTF_8));

    Matcher m = Pattern.compile("soak: minutes=0.20 clients_peak=(\\d+) heap_slope_kib_per_min=(-?[0-9.]+)"
        + " threads_slope_per_min=(-?[0-9.]+) errors=(\\d+)").matcher(line);
    assertThat(m.matches()).as(line + "\n" + out).isTrue();
    assertThat(Long.parseLong(m.group(1))).isBetween(15L, 21L);
    assertThat(Long.parseLong(m.group(4))).as(out.toString()).isZero();
    assertThat(out.toString()).containsPattern("clients left and were replaced").doesNotContain(" 0 clients left");
  }
}
