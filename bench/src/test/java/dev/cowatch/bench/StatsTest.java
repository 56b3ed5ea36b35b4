package dev.cowatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatsTest {
  @Test
  void percentile_isNearestRank() {
    Stats s = new Stats(new double[] {5, 1, 4, 2, 3, 6, 7, 8, 9, 10});
    assertThat(s.percentile(50)).isEqualTo(5);
    assertThat(s.percentile(95)).isEqualTo(10);
    assertThat(s.percentile(10)).isEqualTo(1);
    assertThat(s.max()).isEqualTo(10);
  }

  @Test
  void percentile_ofNothing_isNaN() {
    assertThat(new Stats(new double[0]).percentile(95)).isNaN();
  }
}
