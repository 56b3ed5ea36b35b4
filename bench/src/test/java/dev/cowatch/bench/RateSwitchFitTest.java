package dev.cowatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rate-switch probe's fit parts a lag from each kind's jump, as Chromium's and WebKit's switches differ. */
class RateSwitchFitTest {
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void recoversJumpsAndLag_fromTheProbesSwitches_throughAMillisecondOfNoise(long seed) {
    double[] jumps = {-21.6, -1.4, -14.5, -8.5};
    double lag = 100;
    Random random = new Random(seed);
    int n = RateSwitchBench.RATES.length;
    double[] y = new double[n];
    double[] dr = new double[n];
    int[] kind = new int[n];
    double previous = 1;
    for (int i = 0; i < n; i++) {
      double rate = RateSwitchBench.RATES[i];
      dr[i] = rate - previous;
      kind[i] = rate > previous ? (previous < 1 ? 3 : 0) : (previous > 1 ? 1 : 2);
      y[i] = jumps[kind[i]] - lag * dr[i] + random.nextGaussian() * 0.3;
      previous = rate;
    }
    double[] fit = RateSwitchBench.fitJumpsAndLag(y, dr, kind);
    for (int k = 0; k < 4; k++) assertThat(fit[k]).as("jump " + k).isCloseTo(jumps[k], within(3.0));
    assertThat(fit[4]).as("lag").isCloseTo(lag, within(40.0));
  }
}
