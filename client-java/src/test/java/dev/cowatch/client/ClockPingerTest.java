package dev.cowatch.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cowatch.core.FakeClock;
import dev.cowatch.core.Tolerances;
import dev.cowatch.protocol.ClientMessage;
import dev.cowatch.protocol.ServerMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClockPingerTest {
  private static final Tolerances TOL = Tolerances.DEFAULTS;
  private static final long PERIOD = Math.min(TOL.clockPeriodMs(), TOL.heartbeatIntervalMs());
  private static final long START = 1_000_000;

  private final FakeClock time = new FakeClock(START);
  private final TestScheduler scheduler = new TestScheduler(time);
  private final List<ClientMessage.Ping> pings = new ArrayList<>();
  private boolean connected = true;
  /** Runs as a ping is being sent: what another thread might do at that moment. */
  private Runnable whileSending = () -> {};
  private final ClockPinger pinger = new ClockPinger(TOL, time::now, scheduler, message -> {
    if (!connected) return false;
    pings.add((ClientMessage.Ping) message);
    whileSending.run();
    return true;
  });

  /** When each ping was sent, from the start. */
  private List<Long> pingTimes() {
    return pings.stream().map(p -> p.t0() - START).toList();
  }

  /** The server answers the last ping at once, its clock {@code offsetMs} ahead of ours. */
  private void pongWithOffset(long offsetMs) {
    long t0 = pings.get(pings.size() - 1).t0();
    pinger.pong(new ServerMessage.Pong(t0, time.now() + offsetMs, time.now() + offsetMs), time.now());
  }

  @Test
  void aConnection_pingsAtOnce_thenABurst_thenAtThePeriod() {
    pinger.start();
    scheduler.advance(TOL.clockBurst() * TOL.clockBurstSpacingMs() + 2 * PERIOD);

    List<Long> expected = new ArrayList<>();
    for (int i = 0; i <= TOL.clockBurst(); i++) expected.add(i * TOL.clockBurstSpacingMs());
    long burstEnd = TOL.clockBurst() * TOL.clockBurstSpacingMs();
    expected.add(burstEnd + PERIOD);
    expected.add(burstEnd + 2 * PERIOD);
    assertThat(pingTimes()).containsExactlyElementsOf(expected);
  }

  @Test
  void pongs_giveTheServerClockOffset_andSyncAfterABurst() {
    pinger.start();
    for (int i = 0; i < TOL.clockBurst(); i++) {
      assertThat(pinger.synced()).isFalse();
      scheduler.advance(i == 0 ? 0 : TOL.clockBurstSpacingMs());
      pongWithOffset(250);
    }

    assertThat(pinger.synced()).isTrue();
    assertThat(pinger.offsetMs()).isCloseTo(250, within(1e-9));
    assertThat(pinger.rttMs()).isCloseTo(0, within(1e-9));
  }

  @Test
  void aPongFarOffTheEstimate_startsANewBurst() {
    pinger.start();
    scheduler.advance(TOL.clockBurst() * TOL.clockBurstSpacingMs() + PERIOD);
    for (int i = 0; i < TOL.clockSamples(); i++) pongWithOffset(250);
    int before = pings.size();

    pongWithOffset(250 + Math.round(TOL.clockShiftMs()) + 100);
    scheduler.advance(PERIOD + TOL.clockBurstSpacingMs());

    long next = TOL.clockBurst() * TOL.clockBurstSpacingMs() + 2 * PERIOD; // already scheduled at the period
    assertThat(pingTimes().subList(before, pings.size())).as("then at the burst spacing again")
        .containsExactly(next, next + TOL.clockBurstSpacingMs());
  }

  @Test
  void withoutAConnection_pingingStops_untilTheNextStart() {
    pinger.start();
    scheduler.advance(0);
    connected = false;
    scheduler.advance(10 * PERIOD);
    assertThat(pings).hasSize(1);
    assertThat(scheduler.pending()).isZero();

    connected = true;
    pinger.start();
    scheduler.advance(0);

    assertThat(pings).hasSize(2);
  }

  @Test
  void cancel_dropsThePendingPing() {
    pinger.start();
    scheduler.advance(0);

    pinger.cancel();
    scheduler.advance(10 * PERIOD);

    assertThat(pings).hasSize(1);
  }

  @Test
  void stop_endsPingingForGood_evenOnANewConnection() {
    pinger.start();
    scheduler.advance(0);

    pinger.stop();
    pinger.start();
    scheduler.advance(10 * PERIOD);

    assertThat(pings).hasSize(1);
  }

  @Test
  void stop_whileAPingIsBeingSent_leavesNoPingAfterIt() {
    pinger.start();
    whileSending = pinger::stop; // close() on another thread, mid-ping

    scheduler.advance(10 * PERIOD);

    assertThat(pings).hasSize(1);
    assertThat(scheduler.pending()).isZero();
  }
}
