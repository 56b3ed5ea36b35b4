package dev.cowatch.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cowatch.core.Tolerances;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClockSyncTest {
  private static final Tolerances TOL = Tolerances.DEFAULTS;

  private static List<Long> delays(ClockSync sync, int n) {
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(sync.nextPingDelayMs());
    return out;
  }

  @Test
  void aBurstOnEachConnection_thenThePeriod() {
    ClockSync sync = new ClockSync(TOL);
    long period = Math.min(TOL.clockPeriodMs(), TOL.heartbeatIntervalMs());
    assertThat(delays(sync, 2)).as("before connecting: the period").containsOnly(period);

    sync.connected();
    List<Long> after = delays(sync, TOL.clockBurst() + 2);

    assertThat(after.subList(0, TOL.clockBurst())).containsOnly(TOL.clockBurstSpacingMs());
    assertThat(after.subList(TOL.clockBurst(), after.size())).containsOnly(period);
  }

  @Test
  void onceTheEstimateHasSettled_pingsComeASettledPeriodApart_andABurstStillOnReconnecting() {
    ClockSync sync = new ClockSync(TOL);
    sync.connected();
    delays(sync, TOL.clockBurst());
    for (int i = 0; i < TOL.clockSettleSamples() - 1; i++) sync.pong(new ClockSample(250, 10 + i % 3));
    assertThat(sync.settled()).isFalse();
    assertThat(sync.nextPingDelayMs()).isEqualTo(TOL.clockPeriodMs());

    sync.pong(new ClockSample(250, 11));

    assertThat(sync.settled()).isTrue();
    assertThat(TOL.clockSettledPeriodMs()).isGreaterThan(TOL.clockPeriodMs());
    assertThat(delays(sync, 3)).containsOnly(Math.min(TOL.clockSettledPeriodMs(), TOL.heartbeatIntervalMs()));
    sync.connected();
    assertThat(sync.nextPingDelayMs()).as("a new connection: a burst, its samples kept").isEqualTo(TOL.clockBurstSpacingMs());
  }

  @Test
  void theDeadConnectionBound_leavesRoomForMissedHeartbeats() {
    long settledPeriod = Math.min(TOL.clockSettledPeriodMs(), TOL.heartbeatIntervalMs());
    assertThat(TOL.deadConnectionMs()).isGreaterThanOrEqualTo(3 * settledPeriod);
  }

  @Test
  void syncedAfterABurstOfSamples_withTheirOffset() {
    ClockSync sync = new ClockSync(TOL);
    for (int i = 0; i < TOL.clockBurst(); i++) {
      assertThat(sync.synced()).isFalse();
      assertThat(sync.pong(new ClockSample(250, 10 + i))).isFalse();
    }
    assertThat(sync.synced()).isTrue();
    assertThat(sync.offsetMs()).isCloseTo(250, within(1e-9));
    assertThat(sync.rttMs()).isCloseTo(10, within(1e-9));
  }

  @Test
  void aFastSampleFarOffTheEstimate_restartsItWithANewBurst() {
    ClockSync sync = new ClockSync(TOL);
    for (int i = 0; i < TOL.clockSamples(); i++) sync.pong(new ClockSample(250, 10));
    delays(sync, 3); // no burst pending

    boolean shifted = sync.pong(new ClockSample(250 + TOL.clockShiftMs() + 100, 10));

    assertThat(shifted).isTrue();
    assertThat(sync.offsetMs()).isCloseTo(250 + TOL.clockShiftMs() + 100, within(1e-9));
    assertThat(sync.synced()).as("one sample is not enough").isFalse();
    assertThat(sync.nextPingDelayMs()).isEqualTo(TOL.clockBurstSpacingMs());
  }
}
