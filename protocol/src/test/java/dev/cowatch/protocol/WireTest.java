package dev.cowatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.BufferingPolicy;
import dev.cowatch.core.room.ControlMode;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Readiness;
import dev.cowatch.core.room.RoomEvent;
import dev.cowatch.core.room.Timeline;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WireTest {
  static Stream<Enum<?>> constants() {
    return Stream.of(PlaybackState.values(), Readiness.values(), ControlMode.values(), BufferingPolicy.values(),
            RoomEvent.CauseKind.values())
        .flatMap(Stream::of);
  }

  @ParameterizedTest
  @MethodSource("constants")
  void enumNames_roundTripThroughTheirWireNames(Enum<?> constant) {
    assertThat(Wire.constant(Wire.name(constant))).isEqualTo(constant.name());
  }

  @Test
  void name_isLowerCamelCase() {
    assertThat(Wire.name(BufferingPolicy.WAIT_FOR_ALL)).isEqualTo("waitForAll");
    assertThat(Wire.name(Readiness.CATCHING_UP)).isEqualTo("catchingUp");
    assertThat(Wire.name(RoomEvent.CauseKind.SET_RATE)).isEqualTo("setRate");
  }

  @Test
  void name_isSpelledOncePerConstant() {
    // Presence names three constants per member: the same string every time, not a new one.
    assertThat(Wire.name(Readiness.CATCHING_UP)).isSameAs(Wire.name(Readiness.CATCHING_UP));
    assertThat(Wire.name(BufferingPolicy.WAIT_FOR_ALL)).isNotSameAs(Wire.name(Readiness.CATCHING_UP));
  }

  @Test
  void timeline_roundTripsThroughItsView() {
    Timeline t = new Timeline("film.mp4", PlaybackState.WAITING, 5_000, 1_795_000_000_000L, 1.25, 12);
    assertThat(Wire.timeline(Wire.timeline(t))).isEqualTo(t);
  }
}
