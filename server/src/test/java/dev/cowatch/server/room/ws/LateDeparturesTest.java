package dev.cowatch.server.room.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.server.platform.Refusal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A departure the room could not hear at once is asked again after each pause until it answers, then no more. */
class LateDeparturesTest {
  private final List<Long> pauses = new ArrayList<>();
  private final AtomicInteger asked = new AtomicInteger();

  private static Refusal busy() {
    return new Refusal(Refusal.Kind.CAPACITY, "unavailable", "the room is busy on another node; try again");
  }

  @Test
  void askedAgain_untilTheRoomAnswers() {
    boolean answered = LateDepartures.askAgain("m", () -> {
      if (asked.incrementAndGet() < 3) throw busy();
      return true;
    }, pauses::add);

    assertThat(answered).isTrue();
    assertThat(asked).hasValue(3);
    assertThat(pauses).containsExactly(1_000L, 2_000L, 5_000L);
  }

  @Test
  void aConnectionThatNoLongerSpeaksForTheMember_isAnAnswerToo() {
    assertThat(LateDepartures.askAgain("m", () -> {
      asked.incrementAndGet();
      return false;
    }, pauses::add)).isTrue();
    assertThat(asked).hasValue(1);
  }

  @Test
  void aRoomThatNeverAnswers_isGivenUp_afterAboutTenMinutes() {
    assertThat(LateDepartures.askAgain("m", () -> {
      asked.incrementAndGet();
      throw busy();
    }, pauses::add)).isFalse();
    assertThat(asked).hasValue(LateDepartures.PAUSES_MS.length);
    assertThat(LateDepartures.totalSeconds()).isBetween(9 * 60L, 11 * 60L);
  }

  @Test
  void anythingButARefusal_isNotAskedAgain() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> LateDepartures.askAgain("m", () -> {
      asked.incrementAndGet();
      throw new IllegalStateException("a bug");
    }, pauses::add)).isInstanceOf(IllegalStateException.class);
    assertThat(asked).hasValue(1);
  }
}
