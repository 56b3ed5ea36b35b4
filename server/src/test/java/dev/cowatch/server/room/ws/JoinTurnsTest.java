package dev.cowatch.server.room.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JoinTurnsTest {

  @Test
  void noMoreThanTheBoundAreAnsweredAtOnce_andTheRestGoInTheOrderTheyCame() throws Exception {
    JoinTurns turns = new JoinTurns(2);
    CountDownLatch letGo = new CountDownLatch(1);
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger mostInside = new AtomicInteger();
    List<Integer> order = new CopyOnWriteArrayList<>();
    List<Thread> hellos = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      int n = i;
      hellos.add(Thread.ofVirtual().start(() -> turns.take(() -> {
        mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
        order.add(n);
        try {
          letGo.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        inside.decrementAndGet();
      })));
      // Each one queued before the next starts, so "the order they came" is this loop's.
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (turns.waiting() + inside.get() < n + 1 && System.nanoTime() < until) Thread.sleep(1);
    }
    assertThat(inside.get()).as("two answered, four waiting").isEqualTo(2);
    assertThat(turns.waiting()).isEqualTo(4);
    letGo.countDown();
    for (Thread t : hellos) t.join(5_000);
    assertThat(mostInside.get()).isEqualTo(2);
    assertThat(order).containsExactly(0, 1, 2, 3, 4, 5);
  }

  @Test
  void aHelloThatGetsNoTurnInTime_isNotAnswered_andTheCallerIsTold() throws Exception {
    JoinTurns turns = new JoinTurns(1, Duration.ofMillis(200));
    CountDownLatch letGo = new CountDownLatch(1);
    CountDownLatch holding = new CountDownLatch(1);
    Thread first = Thread.ofVirtual().start(() -> turns.take(() -> {
      holding.countDown();
      try {
        letGo.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
    AtomicInteger ran = new AtomicInteger();

    assertThat(turns.take(ran::incrementAndGet)).isFalse();
    assertThat(ran.get()).isZero();
    assertThat(JoinTurns.busy().type()).isEqualTo("unavailable");

    letGo.countDown();
    first.join(5_000);
    assertThat(turns.take(ran::incrementAndGet)).as("a turn is free again").isTrue();
    assertThat(ran.get()).isEqualTo(1);
  }

  @Test
  void aTurnIsGivenBack_whenTheAnswerThrows() {
    JoinTurns turns = new JoinTurns(1, Duration.ofMillis(100));
    try {
      turns.take(() -> {
        throw new IllegalStateException("a bug");
      });
    } catch (IllegalStateException expected) {
      // the answer's own failure goes to the caller
    }
    assertThat(turns.take(() -> { })).isTrue();
  }
}
