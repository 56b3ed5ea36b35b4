package dev.cowatch.server.syncplay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cowatch.server.syncplay.StateExchange.Incoming;
import dev.cowatch.server.syncplay.StateExchange.Outgoing;
import dev.cowatch.server.syncplay.SyncplayTimelines.PlayState;
import org.junit.jupiter.api.Test;

/** The State exchange with times chosen by the test (seconds), as Syncplay 1.6.9's server keeps it. */
class StateExchangeTest {
  private static final PlayState AT_10_PLAYING = new PlayState(10.0, false);

  private static Incoming answer(Double latencyCalculation, Double clientTime, double clientRtt, Integer server,
      Integer client, Double position, Boolean paused, Boolean doSeek) {
    return new Incoming(position, paused, doSeek, position != null, latencyCalculation, clientTime, clientRtt, server,
        client);
  }

  @Test
  void send_regular_carriesTheStateAndOurTimestamp() {
    StateExchange x = new StateExchange();

    Outgoing s = x.send(AT_10_PLAYING, null, false, false, 100.0).orElseThrow();

    assertThat(s.position()).isEqualTo(10.0);
    assertThat(s.paused()).isFalse();
    assertThat(s.latencyCalculation()).isEqualTo(100.0);
    assertThat(s.ignoringServer()).isNull();
    assertThat(s.clientLatencyCalculation()).isNull();
  }

  @Test
  void forced_untilTheClientEchoesIt_itsReportsAreIgnoredAndRegularStatesHeld() {
    StateExchange x = new StateExchange();
    assertThat(x.send(AT_10_PLAYING, "Ann", true, true, 100.0).orElseThrow().ignoringServer()).isEqualTo(1);

    // A report written before the client saw the forced State: it must not undo the change.
    assertThat(x.receive(answer(null, 100.01, 0, null, null, 3.0, true, false), 100.02)).isEmpty();
    assertThat(x.send(AT_10_PLAYING, null, false, false, 101.0)).isEmpty();

    assertThat(x.receive(answer(100.0, 100.05, 0, 1, null, 10.05, false, false), 100.1)).isPresent();
    assertThat(x.awaitingAcknowledgement()).isFalse();
    assertThat(x.send(AT_10_PLAYING, null, false, false, 101.0)).isPresent();
  }

  @Test
  void clientsOwnChange_itsCountIsEchoedOnceInTheNextState() {
    StateExchange x = new StateExchange();
    x.receive(answer(null, 50.0, 0, null, 1, 20.0, true, false), 50.0);

    assertThat(x.send(AT_10_PLAYING, null, false, true, 50.1).orElseThrow().ignoringClient()).isEqualTo(1);
    x.receive(answer(50.1, 50.15, 0, 1, null, 20.0, true, false), 50.2);
    assertThat(x.send(AT_10_PLAYING, null, false, false, 51.0).orElseThrow().ignoringClient()).isNull();
  }

  @Test
  void clientTimestamp_isEchoedWithTheTimeItWaitedHere() {
    StateExchange x = new StateExchange();
    x.receive(answer(null, 500.0, 0, null, null, 1.0, false, false), 20.0);

    Outgoing s = x.send(AT_10_PLAYING, null, false, false, 20.3).orElseThrow();

    assertThat(s.clientLatencyCalculation()).isCloseTo(500.3, within(1e-9));
    assertThat(x.send(AT_10_PLAYING, null, false, false, 21.3).orElseThrow().clientLatencyCalculation()).isNull();
  }

  @Test
  void roundTrip_isMeasuredFromOurEchoedTimestamp_andAgesTheReport() {
    StateExchange x = new StateExchange();
    x.send(AT_10_PLAYING, null, false, false, 100.0);

    var reported = x.receive(answer(100.0, 7.0, 0.080, null, null, 10.1, false, false), 100.080).orElseThrow();

    assertThat(x.rttSeconds()).isCloseTo(0.080, within(1e-9));
    assertThat(reported.ageSeconds()).isCloseTo(0.040, within(1e-9));
    assertThat(reported.positionMs()).isEqualTo(10_140L);
  }

  @Test
  void stateWithoutPlaystate_onlyMeasures() {
    StateExchange x = new StateExchange();

    assertThat(x.receive(answer(null, 1.0, 0, null, null, null, null, null), 2.0)).isEmpty();
  }
}
