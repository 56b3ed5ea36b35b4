package dev.cowatch.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EchoGuardTest {
  private static PlayerEvent event(PlayerEvent.Kind kind, double at) {
    return new PlayerEvent(kind, 0, 1, at);
  }

  @Test
  void expectedEvent_isConsumedOnce() {
    EchoGuard guard = new EchoGuard();
    guard.expectSoon(PlayerEvent.Kind.PAUSE, 0);
    assertThat(guard.consume(event(PlayerEvent.Kind.PAUSE, 10))).isTrue();
    assertThat(guard.consume(event(PlayerEvent.Kind.PAUSE, 20))).isFalse();
  }

  @Test
  void unexpectedKind_isAGesture() {
    EchoGuard guard = new EchoGuard();
    guard.expectSoon(PlayerEvent.Kind.SEEKED, 0);
    assertThat(guard.consume(event(PlayerEvent.Kind.PLAY, 10))).isFalse();
    assertThat(guard.consume(event(PlayerEvent.Kind.SEEKED, 20))).isTrue();
  }

  @Test
  void expectationLapses_soALaterGestureIsNotSwallowed() {
    EchoGuard guard = new EchoGuard();
    guard.expectSoon(PlayerEvent.Kind.PAUSE, 0);
    assertThat(guard.consume(event(PlayerEvent.Kind.PAUSE, EchoGuard.EXPECTATION_MS + 1))).isFalse();
  }
}
