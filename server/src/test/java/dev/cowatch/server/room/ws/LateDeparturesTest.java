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

  /** What a stopping node's connections close with is not asked again: its Redis client is about to close. */
  @Test
  void afterTheStop_nothingIsStarted() {
    LateDepartures late = new LateDepartures(ms -> { });
    late.stop(java.time.Duration.ofSeconds(1));
    late.start("m", () -> {
      asked.incrementAndGet();
      return true;
    });
    assertThat(late.stop(java.time.Duration.ofSeconds(1))).isZero();
    assertThat(asked).hasValue(0);
  }

  /**
   * A try under way when the stop's wait runs out meets the closed client (Lettuce: "cannot be started once
   * stopped"): it ends quietly, where an uncaught exception reached whatever watched for them (a test's Awaitility).
   */
  @Test
  void aTryThatFailsBecauseTheNodeStopped_endsQuietly() throws Exception {
    java.util.concurrent.CountDownLatch trying = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
    List<Throwable> uncaught = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
    try {
      LateDepartures late = new LateDepartures(ms -> { });
      late.start("m", () -> {
        trying.countDown();
        try {
          closed.await(); // the client call in flight; an interrupt does not end it
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("cannot be started once stopped");
      });
      assertThat(trying.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(late.stop(java.time.Duration.ofMillis(100))).isEqualTo(1);
      closed.countDown();
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
          .until(() -> late.stop(java.time.Duration.ofMillis(1)) == 0);
      Thread.sleep(100);
      assertThat(uncaught).isEmpty();
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(before);
    }
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
