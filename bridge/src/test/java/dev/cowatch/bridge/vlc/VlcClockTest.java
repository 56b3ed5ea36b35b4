package dev.cowatch.bridge.vlc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class VlcClockTest {
  @Test
  void aStepIsWhereVlcWasWhenItFirstAppeared_andPositionsCountOnFromThere() {
    VlcClock c = new VlcClock();
    assertThat(c.feed(1_000, 10_000, true, 1.0)).isTrue();
    // The same value read again 100 ms later is old news: VLC is 100 ms further on.
    assertThat(c.feed(1_000, 10_100, true, 1.0)).isFalse();
    assertThat(c.positionAt(10_100)).isCloseTo(1_100, within(1e-9));
    assertThat(c.feed(1_260, 10_260, true, 1.0)).isTrue();
    assertThat(c.positionAt(10_300)).isCloseTo(1_300, within(1e-9));
  }

  @Test
  void countingOnStops_whenVlcStopsStepping_andWhilePaused() {
    VlcClock c = new VlcClock();
    c.feed(1_000, 10_000, true, 1.0);
    assertThat(c.positionAt(12_000)).isEqualTo(1_000 + VlcClock.MAX_SINCE_STEP_MS);
    c.feed(1_200, 12_000, false, 1.0);
    assertThat(c.positionAt(13_000)).isEqualTo(1_200);
  }

  @Test
  void theRateScalesTheCount() {
    VlcClock c = new VlcClock();
    c.feed(0, 0, true, 1.05);
    assertThat(c.positionAt(100)).isCloseTo(105, within(1e-9));
  }
}
