package dev.cowatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/** The hand-back jump as {@code bench/run hybrid} and PeerFallbackBrowserTest measure it, on readings made up here. */
class HybridJumpTest {
  private static PageSample playing(double positionMs, double wallMs, double rate) {
    return new PageSample(positionMs, wallMs, false, false, rate, 4, wallMs, 0, 3);
  }

  @Test
  void jumpMs_isZeroForAPagePlayingOn_andTheDistanceOfASeek() {
    assertThat(HybridScenario.jumpMs(playing(10_000, 0, 1), playing(10_050, 50, 1))).isZero();
    assertThat(HybridScenario.jumpMs(playing(10_000, 0, 1), playing(10_150, 50, 1))).isCloseTo(100, offset(1e-9));
    assertThat(HybridScenario.jumpMs(playing(10_000, 0, 1), playing(9_950, 50, 1))).isCloseTo(100, offset(1e-9));
  }

  @Test
  void jumpMs_countsANudgeEndingBetweenTwoReadingsAsNoJump_butAStallAsOne() {
    // Rate 1.069 until somewhere in a 1,219 ms gap, then 1: anywhere between the two is playing on.
    assertThat(HybridScenario.jumpMs(playing(10_000, 0, 1.069), playing(10_000 + 1_219 * 1.03, 1_219, 1))).isZero();
    // Stood still for 100 ms of a 150 ms gap at rate 1.
    assertThat(HybridScenario.jumpMs(playing(10_000, 0, 1), playing(10_050, 150, 1))).isCloseTo(100, offset(1e-9));
  }
}
