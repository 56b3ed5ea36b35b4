package dev.cowatch.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClockEstimatorTest {
  private static final double SHIFT_MS = 25;

  /**
   * One exchange with a client clock {@code clientBehindMs} behind the server, the given one-way
   * delays and server processing time; t0 is client time.
   */
  private static ClockSample exchange(double t0, double clientBehindMs, double upMs, double serverMs, double downMs) {
    double t1 = t0 + clientBehindMs + upMs;
    double t2 = t1 + serverMs;
    double t3 = t2 - clientBehindMs + downMs;
    return ClockSample.of(t0, t1, t2, t3);
  }

  @Test
  void uncertaintyMs_isHowFarTheEstimateMovesWithoutEachSidesTightestBound() {
    ClockEstimator e = new ClockEstimator(16)
        .add(exchange(0, 1_000, 10, 1, 40)) // upper bound 1010, lower 960
        .add(exchange(60, 1_000, 14, 1, 12)) // upper 1014, lower 988
        .add(exchange(120, 1_000, 30, 1, 15)); // upper 1030, lower 985

    assertThat(e.offsetMs()).isEqualTo(999.0); // (1010 + 988) / 2
    assertThat(e.uncertaintyMs()).isEqualTo(3.5); // ((1014 - 1010) + (988 - 985)) / 2
  }

  @Test
  void uncertaintyMs_isInfiniteBeforeTwoSamples() {
    ClockEstimator e = new ClockEstimator(16, 1);

    assertThat(e.uncertaintyMs()).isInfinite();
    assertThat(e.add(new ClockSample(1_000, 2)).uncertaintyMs()).isInfinite();
    assertThat(e.add(new ClockSample(1_000, 2)).add(new ClockSample(1_000.6, 3)).uncertaintyMs()).isCloseTo(0.6, within(1e-9));
  }

  /**
   * The reason for the rule: each direction's fastest crossing, from whichever exchange, beats the
   * fastest round trips (seeded: 400 clients of 24 exchanges with one-way delays of 50 +- 20 ms).
   */
  @Test
  void onAJitteryNetwork_theBoundsErrLessThanTheFastestRoundTrips() {
    java.util.Random random = new java.util.Random(21);
    double[] bounds = new double[400];
    double[] fastest = new double[400];
    for (int c = 0; c < bounds.length; c++) {
      ClockEstimator e = new ClockEstimator(64);
      List<ClockSample> samples = new java.util.ArrayList<>();
      for (int i = 0; i < 24; i++) {
        ClockSample s = exchange(i * 1_000.0, 321.0, 50 + random.nextDouble(-20, 20), 0.5, 50 + random.nextDouble(-20, 20));
        e = e.add(s);
        samples.add(s);
      }
      bounds[c] = Math.abs(e.offsetMs() - 321.0);
      fastest[c] = Math.abs(samples.stream().sorted(java.util.Comparator.comparingDouble(ClockSample::delayMs)).limit(4)
          .mapToDouble(ClockSample::offsetMs).average().orElseThrow() - 321.0);
    }
    java.util.Arrays.sort(bounds);
    java.util.Arrays.sort(fastest);
    double boundsP95 = bounds[(int) (bounds.length * 0.95)];
    double fastestP95 = fastest[(int) (fastest.length * 0.95)];

    assertThat(boundsP95).isLessThan(3.0);
    assertThat(fastestP95).isGreaterThan(2 * boundsP95);
  }

  @Test
  void of_computesOffsetAndDelayWithNumbers() {
    // client sends at 0, server receives at 1050 and answers at 1060, client receives at 110
    ClockSample s = ClockSample.of(0, 1_050, 1_060, 110);

    assertThat(s.offsetMs()).isEqualTo(1_000.0); // ((1050 - 0) + (1060 - 110)) / 2
    assertThat(s.delayMs()).isEqualTo(100.0); // (110 - 0) - (1060 - 1050)
  }

  @Test
  void of_withLopsidedDelays_errsByHalfTheDifference() {
    ClockSample s = exchange(0, 1_000, 80, 10, 20);

    assertThat(s.delayMs()).isEqualTo(100.0);
    assertThat(s.offsetMs()).isEqualTo(1_030.0); // (80 - 20) / 2 too high
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, 1, 37.5, 400, 2_500})
  void of_withSymmetricDelays_givesExactOffset(double oneWayMs) {
    ClockSample s = exchange(5_000, -12_345.5, oneWayMs, 3, oneWayMs);

    assertThat(s.offsetMs()).isEqualTo(-12_345.5);
    assertThat(s.delayMs()).isEqualTo(2 * oneWayMs);
  }

  @Test
  void new_estimatorHasNoEstimate() {
    ClockEstimator e = new ClockEstimator(8);

    assertThat(e.hasEstimate()).isFalse();
    assertThat(e.best()).isEmpty();
    assertThat(e.offsetMs()).isZero();
    assertThat(e.rttMs()).isZero();
  }

  @Test
  void best_isTheSampleWithSmallestDelay() {
    ClockEstimator e = new ClockEstimator(8)
        .add(new ClockSample(1_010, 100))
        .add(new ClockSample(1_001, 40))
        .add(new ClockSample(995, 70));

    assertThat(e.best()).contains(new ClockSample(1_001, 40));
    assertThat(e.offsetMs()).isEqualTo(1_001.0);
    assertThat(e.rttMs()).isEqualTo(40.0);
  }

  @Test
  void add_keepsOnlyTheLastNSamples() {
    ClockEstimator e = new ClockEstimator(3)
        .add(new ClockSample(1_000, 10)) // the best, until it falls out
        .add(new ClockSample(1_020, 60))
        .add(new ClockSample(1_030, 50))
        .add(new ClockSample(1_040, 80));

    assertThat(e.size()).isEqualTo(3);
    assertThat(e.best()).contains(new ClockSample(1_030, 50));
  }

  @Test
  void add_isImmutable() {
    ClockEstimator empty = new ClockEstimator(8);

    ClockEstimator one = empty.add(new ClockSample(5, 20));

    assertThat(empty.size()).isZero();
    assertThat(one.size()).isEqualTo(1);
  }

  @Test
  void add_ignoresImpossibleSamples() {
    ClockEstimator e = new ClockEstimator(8).add(new ClockSample(1_000, 40));

    assertThat(e.add(new ClockSample(0, -1))).isSameAs(e);
    assertThat(e.add(new ClockSample(0, Double.NaN))).isSameAs(e);
    assertThat(e.add(new ClockSample(Double.NaN, 10))).isSameAs(e);
    assertThat(e.add(new ClockSample(Double.POSITIVE_INFINITY, 10))).isSameAs(e);
  }

  @Test
  void manySymmetricSamples_giveTheExactOffset() {
    ClockEstimator e = new ClockEstimator(8);
    double[] oneWays = {120, 35, 60, 18, 250, 44, 18.5, 90};
    for (int i = 0; i < oneWays.length; i++) {
      e = e.add(exchange(i * 60.0, 777.25, oneWays[i], 2, oneWays[i]));
    }

    assertThat(e.offsetMs()).isEqualTo(777.25);
    assertThat(e.rttMs()).isEqualTo(36.0);
  }

  @Test
  void minDelaySample_beatsLopsidedSlowOnes() {
    ClockEstimator e = new ClockEstimator(8)
        .add(exchange(0, 500, 300, 1, 20)) // offset 640
        .add(exchange(60, 500, 10, 1, 12)) // offset 499
        .add(exchange(120, 500, 20, 1, 200)); // offset 410

    assertThat(e.offsetMs()).isCloseTo(500, within(1.0));
  }

  @Test
  void restartWith_forgetsOlderSamples() {
    ClockEstimator e = new ClockEstimator(8).add(new ClockSample(1_000, 10)).add(new ClockSample(1_002, 12));

    ClockEstimator restarted = e.restartWith(new ClockSample(5_000, 30));

    assertThat(restarted.size()).isEqualTo(1);
    assertThat(restarted.offsetMs()).isEqualTo(5_000.0);
  }

  @Test
  void constructor_rejectsNonPositiveCapacity() {
    assertThatThrownBy(() -> new ClockEstimator(0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static ClockEstimator fourFastSamples() {
    return new ClockEstimator(8)
        .add(new ClockSample(1_000, 40))
        .add(new ClockSample(1_003, 45))
        .add(new ClockSample(998, 50))
        .add(new ClockSample(1_001, 42));
  }

  @Test
  void suggestsShift_whenComparablyFastSampleDisagrees() {
    ClockEstimator e = fourFastSamples();

    assertThat(e.suggestsShift(new ClockSample(1_030, 50), SHIFT_MS)).isTrue();
    assertThat(e.suggestsShift(new ClockSample(970, 62), SHIFT_MS)).isTrue(); // 40 * 1.5 + 2
  }

  @Test
  void suggestsNoShift_whenSampleAgrees() {
    ClockEstimator e = fourFastSamples();

    assertThat(e.suggestsShift(new ClockSample(1_025, 40), SHIFT_MS)).isFalse();
    assertThat(e.suggestsShift(new ClockSample(1_010, 40), SHIFT_MS)).isFalse();
  }

  @Test
  void suggestsNoShift_whenDisagreeingSampleIsSlow() {
    ClockEstimator e = fourFastSamples();

    // a slow round trip can be lopsided: network wobble, not a clock step
    assertThat(e.suggestsShift(new ClockSample(1_200, 62.5), SHIFT_MS)).isFalse();
    assertThat(e.suggestsShift(new ClockSample(1_200, 400), SHIFT_MS)).isFalse();
  }

  @Test
  void suggestsNoShift_untilHalfTheSamplesAreIn() {
    ClockEstimator three = new ClockEstimator(8)
        .add(new ClockSample(1_000, 40)).add(new ClockSample(1_000, 40)).add(new ClockSample(1_000, 40));

    assertThat(new ClockEstimator(8).suggestsShift(new ClockSample(9_000, 40), SHIFT_MS)).isFalse();
    assertThat(three.suggestsShift(new ClockSample(9_000, 40), SHIFT_MS)).isFalse();
    assertThat(three.add(new ClockSample(1_000, 40)).suggestsShift(new ClockSample(9_000, 40), SHIFT_MS)).isTrue();
  }
}
