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

  /** A stopping node ends the asking before it closes its Redis client, which the next try would meet. */
  @Test
  void aStoppedNode_asksNoMore() throws Exception {
    java.util.concurrent.CountDownLatch firstRefused = new java.util.concurrent.CountDownLatch(1);
    // The first pause passes at once, the next would last a minute.
    LateDepartures late = new LateDepartures(ms -> Thread.sleep(asked.get() == 0 ? 0 : 60_000));
    late.start("m", () -> {
      asked.incrementAndGet();
      firstRefused.countDown();
      throw busy();
    });
    assertThat(firstRefused.await(5, java.util.concurrent.TimeUnit.SECONDS)).as("asked after the first pause").isTrue();

    assertThat(late.stop(java.time.Duration.ofSeconds(5))).isEqualTo(1);

    assertThat(asked).as("its wait ended, not followed by another try").hasValue(1);
    assertThat(late.stop(java.time.Duration.ofSeconds(1))).as("nothing left to stop").isZero();
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
