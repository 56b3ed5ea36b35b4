package dev.cowatch.server.room.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The hand-off rule of a room's lease, on fixed instants (ns). */
class LeaseTurnsTest {
  private static final long MS = 1_000_000;
  private final LeaseTurns turns = new LeaseTurns(Duration.ofMillis(250), Duration.ofMillis(15));

  @Test
  void passOn_whenAnotherDecisionWaitsHere_withinTheLongestHold() {
    assertThat(turns.passOn(true, 1_000 * MS, 1_249 * MS)).isTrue();
  }

  @Test
  void passOn_not_whenNobodyHereWaits() {
    assertThat(turns.passOn(false, 1_000 * MS, 1_001 * MS)).isFalse();
  }

  @Test
  void passOn_not_onceTheNodeHeldItForTheLongestHold() {
    assertThat(turns.passOn(true, 1_000 * MS, 1_250 * MS)).isFalse();
    assertThat(turns.passOn(true, 1_000 * MS, 9_000 * MS)).isFalse();
  }

  @Test
  void passOn_measuresAcrossTheWrapOfTheMonotonicClock() {
    // System.nanoTime may be negative and wrap: only differences count.
    assertThat(turns.passOn(true, Long.MAX_VALUE - 10 * MS, Long.MIN_VALUE + 10 * MS)).isTrue();
  }

  @Test
  void waitBeforeAsking_nothing_whenTheLeaseWasGivenBackForWantOfWork() {
    assertThat(turns.waitBeforeAsking(false, 1_000 * MS, 1_000 * MS)).isZero();
  }

  @Test
  void waitBeforeAsking_theRestOfThePause_afterYieldingToOtherNodes() {
    assertThat(turns.waitBeforeAsking(true, 1_000 * MS, 1_005 * MS)).isEqualTo(10 * MS);
    assertThat(turns.waitBeforeAsking(true, 1_000 * MS, 1_015 * MS)).isZero();
    assertThat(turns.waitBeforeAsking(true, 1_000 * MS, 2_000 * MS)).isZero();
  }
}
