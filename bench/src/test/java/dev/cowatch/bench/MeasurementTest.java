package dev.cowatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MeasurementTest {
  private static final double MIB = 1024 * 1024;

  private static Measurement of(double mib, double seconds, double... firstByteMs) {
    return new Measurement(firstByteMs.length, (long) (mib * MIB), seconds, firstByteMs, 1, 2, 0, null);
  }

  @Test
  void line_givesThroughputsCpuPerGibAndFirstByteP99s_andBothRatios() {
    // Server CPU: 2 s for each measurement (of()); 900 MiB and 1000 MiB sent.
    Measurement cowatch = of(900, 10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 40);
    Measurement nginx = of(1000, 10, 1, 1, 1);
    Measurement accel = of(980, 10, 2, 2);
    assertThat(Measurement.line(cowatch, nginx, accel)).isEqualTo("media: cowatch_mib_s=90.0 nginx_mib_s=100.0 "
        + "ratio=0.900 cowatch_cpu_s_per_gib=2.276 nginx_cpu_s_per_gib=2.048 cowatch_first_byte_p99_ms=40.00 "
        + "nginx_first_byte_p99_ms=1.00 accel_ratio=0.980");
  }

  @Test
  void line_saysError_forEveryFigureThatCouldNotBeMeasured() {
    Measurement good = of(100, 1, 2);
    Measurement broken = new Measurement(5, 5 * (long) MIB, 1, new double[] {1, 1, 1, 1, 1}, 0, 0, 1, "status 500");
    assertThat(Measurement.line(broken, good, good)).isEqualTo("media: cowatch_mib_s=error nginx_mib_s=100.0 "
        + "ratio=error cowatch_cpu_s_per_gib=error nginx_cpu_s_per_gib=20.480 cowatch_first_byte_p99_ms=error "
        + "nginx_first_byte_p99_ms=2.00 accel_ratio=1.000");
    assertThat(Measurement.line(good, good, broken)).endsWith(" accel_ratio=error");
    assertThat(Measurement.line(good, broken, good)).isEqualTo("media: cowatch_mib_s=100.0 nginx_mib_s=error "
        + "ratio=error cowatch_cpu_s_per_gib=20.480 nginx_cpu_s_per_gib=error cowatch_first_byte_p99_ms=2.00 "
        + "nginx_first_byte_p99_ms=error accel_ratio=error");
    Measurement failed = Measurement.failed("timed out");
    assertThat(Measurement.line(failed, failed, failed)).isEqualTo("media: cowatch_mib_s=error nginx_mib_s=error "
        + "ratio=error cowatch_cpu_s_per_gib=error nginx_cpu_s_per_gib=error cowatch_first_byte_p99_ms=error "
        + "nginx_first_byte_p99_ms=error accel_ratio=error");
  }

  @Test
  void noCompletedRequest_isNotAFigure() {
    Measurement none = new Measurement(0, 0, 5, new double[0], 0, 0, 0, null);
    assertThat(none.ok()).isFalse();
    assertThat(none.detail("cowatch")).contains("error", "no request completed");
  }

  @Test
  void plus_addsRounds_andKeepsTheFirstError() {
    Measurement a = new Measurement(2, 10, 1, new double[] {1, 2}, 0.5, 1, 0, null);
    Measurement b = new Measurement(1, 5, 2, new double[] {3}, 0.25, 2, 1, "wrong bytes at offset 7");
    Measurement c = new Measurement(1, 5, 2, new double[] {4}, 0.25, 2, 1, "status 500");
    Measurement sum = a.plus(b).plus(c);
    assertThat(sum.requests()).isEqualTo(4);
    assertThat(sum.bytes()).isEqualTo(20);
    assertThat(sum.seconds()).isEqualTo(5);
    assertThat(sum.firstByteMs()).containsExactly(1, 2, 3, 4);
    assertThat(sum.clientCpuSeconds()).isEqualTo(1);
    assertThat(sum.serverCpuSeconds()).isEqualTo(5);
    assertThat(sum.errors()).isEqualTo(2);
    assertThat(sum.firstError()).isEqualTo("wrong bytes at offset 7");
    assertThat(sum.ok()).isFalse();
  }

  @Test
  void detail_givesThroughputPercentilesAndCpuShares() {
    Measurement m = new Measurement(4, (long) (40 * MIB), 2, new double[] {1, 2, 3, 10}, 1, 1.5, 0, null);
    assertThat(m.detail("nginx")).isEqualTo("nginx: 20.0 MiB/s, 4 requests in 2.0 s (2 req/s), first byte "
        + "p50=2.00 ms p99=10.00 ms max=10.0 ms, cpu client=50% server=75% (38.400 s/GiB)");
  }
}
