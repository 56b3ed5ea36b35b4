package dev.cowatch.bench.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderedDelayTest {
  private static OrderedDelay drawing(Double... draws) {
    Iterator<Double> it = List.of(draws).iterator();
    return new OrderedDelay(50, 20, it::next);
  }

  @Test
  void dueMs_isTheReadTimePlusADelayInBasePlusMinusJitter() {
    OrderedDelay d = drawing(0.0, 0.5, 0.999);

    assertThat(d.dueMs(1_000)).isEqualTo(1_030.0);
    assertThat(d.dueMs(2_000)).isEqualTo(2_050.0);
    assertThat(d.dueMs(3_000)).isCloseTo(3_069.96, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void dueMs_aShortDelayDrawnAfterALongOne_waitsForTheChunkBeforeIt() {
    OrderedDelay d = drawing(0.999, 0.0);

    double first = d.dueMs(1_000); // 1,069.96
    double second = d.dueMs(1_010); // would be 1,040: before the first

    assertThat(second).isEqualTo(first);
  }

  @Test
  void aDelayThatCouldGoNegative_isRefused() {
    assertThatThrownBy(() -> new OrderedDelay(10, 20, () -> 0.0)).isInstanceOf(IllegalArgumentException.class);
  }
}
