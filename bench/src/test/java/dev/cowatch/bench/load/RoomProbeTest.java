package dev.cowatch.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoomProbeTest {
  @Test
  void aStepRefusedAsStale_isGivenAgain_soTheScriptStaysInStepWithTheRoom() {
    RoomProbe probe = new RoomProbe(new Counters());

    assertThat(probe.nextStep()).isZero();
    probe.start(null, 0, false);
    probe.refusedAsStale(); // the pause was not applied: the next intent is that pause again, not the seek after it

    assertThat(probe.settled()).isEqualTo(1);
    assertThat(probe.nextStep()).isZero();
    probe.start(null, 1, false);
    probe.expire();
    assertThat(probe.nextStep()).isEqualTo(1); // a timeout is an error, not a refusal: the script goes on
    assertThat(probe.timedOut()).isEqualTo(1);
  }

  @Test
  void aRefusalWithNothingAwaited_movesNothing() {
    RoomProbe probe = new RoomProbe(new Counters());
    assertThat(probe.nextStep()).isZero();

    probe.refusedAsStale();

    assertThat(probe.nextStep()).isEqualTo(1);
    assertThat(probe.settled()).isZero();
  }
}
