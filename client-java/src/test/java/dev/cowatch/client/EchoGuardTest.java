package dev.cowatch.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The guard's rules are in the shared vectors (EchoGuardVectorsTest); here what only the Java API can get wrong. */
class EchoGuardTest {
  @Test
  void aSeekIsNeverExpectedWithoutItsTarget() {
    EchoGuard guard = new EchoGuard();
    assertThatThrownBy(() -> guard.expectSoon(PlayerEvent.Kind.SEEKED, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expectSeek");
  }
}
