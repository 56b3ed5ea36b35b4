package dev.cowatch.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.protocol.CloseCodes;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {
  @Test
  void delay_doublesFrom100ms_andStaysAt5s() {
    assertThat(IntStream.of(0, 1, 2, 5, 6, 7, 40).mapToLong(ReconnectPolicy::delayMs).toArray())
        .containsExactly(100, 200, 400, 3_200, 5_000, 5_000, 5_000);
  }

  @Test
  void theProtocolsFinalCloses_andUnauthorized_areFinal() {
    assertThat(CloseCodes.FINAL).allMatch(ReconnectPolicy::isFinal);
    assertThat(ReconnectPolicy.isFinal(CloseCodes.UNAUTHORIZED)).as("this client's token cannot change").isTrue();
  }

  @Test
  void dropsAndOverloads_areNotFinal() {
    assertThat(IntStream.of(1006, CloseCodes.GOING_AWAY, CloseCodes.HEARTBEAT_TIMEOUT, CloseCodes.SLOW_CONSUMER))
        .noneMatch(ReconnectPolicy::isFinal);
  }
}
