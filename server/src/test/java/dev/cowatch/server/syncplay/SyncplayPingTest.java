package dev.cowatch.server.syncplay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SyncplayPingTest {
  @Test
  void firstEcho_forwardDelayIsHalfTheRoundTrip() {
    SyncplayPing p = new SyncplayPing();

    p.receive(10.0, 0.1, 10.1);

    assertThat(p.rtt()).isCloseTo(0.1, within(1e-9));
    assertThat(p.forwardDelay()).isCloseTo(0.05, within(1e-9));
  }

  @Test
  void laterEchoes_areSmoothedWithSyncplaysWeight() {
    SyncplayPing p = new SyncplayPing();
    p.receive(10.0, 0.2, 10.2);

    p.receive(20.0, 0.4, 20.4);

    double average = 0.2 * 0.85 + 0.4 * 0.15;
    assertThat(p.forwardDelay()).isCloseTo(average / 2, within(1e-9));
  }

  @Test
  void roundTripLongerThanTheClientSaw_addsTheDifference() {
    SyncplayPing p = new SyncplayPing();

    p.receive(10.0, 0.05, 10.2);

    assertThat(p.forwardDelay()).isCloseTo(0.1 + 0.15, within(1e-9));
  }

  @Test
  void noTimestampOrAClockGoingBack_isIgnored() {
    SyncplayPing p = new SyncplayPing();

    p.receive(0, 0, 5.0);
    p.receive(10.0, 0, 9.0);

    assertThat(p.rtt()).isZero();
    assertThat(p.forwardDelay()).isZero();
  }
}
