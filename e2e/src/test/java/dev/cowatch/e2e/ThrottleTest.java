package dev.cowatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The test sites' link: its schedule on a fake clock (nanoseconds passed in). */
class ThrottleTest {
  /** 2,048 bytes at 2 Mbit/s. */
  private static final long SLOT = 2_048L * 8 * 1_000_000_000L / 2_000_000;

  @Test
  void aSenderThatWokeLate_sendsTheNextBytesSooner_soTheLinkKeepsItsSpeed() {
    Throttle link = new Throttle();
    link.set(2_000_000);
    assertThat(link.reserve(2_048, 0)).isEqualTo(SLOT);
    // Woke 3 ms past its slot: the next slot ends where the schedule says, 3 ms sooner from now.
    long late = SLOT + 3_000_000;
    assertThat(link.reserve(2_048, late)).isEqualTo(2 * SLOT - late);
    // Woke later than a whole slot: nothing to wait for, and still on the schedule.
    long veryLate = 3 * SLOT + SLOT / 2;
    assertThat(link.reserve(2_048, veryLate)).isZero();
    assertThat(link.reserve(2_048, veryLate)).isEqualTo(4 * SLOT - veryLate);
  }

  @Test
  void anIdleLink_savesUpNoBurst() {
    Throttle link = new Throttle();
    link.set(2_000_000);
    link.reserve(2_048, 0);
    long afterIdle = SLOT + Throttle.CATCH_UP_NANOS + 1;
    assertThat(link.reserve(2_048, afterIdle)).isEqualTo(SLOT);
  }

  @Test
  void twoSendersShareTheLink_andNoLimitMeansNoWait() {
    Throttle link = new Throttle();
    link.set(2_000_000);
    assertThat(link.reserve(2_048, 0)).isEqualTo(SLOT);
    assertThat(link.reserve(2_048, 0)).isEqualTo(2 * SLOT);
    link.set(0);
    assertThat(link.reserve(2_048, 0)).isZero();
  }
}
