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
    int hellos = 6;
    List<CountDownLatch> letGo = new java.util.ArrayList<>();
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger mostInside = new AtomicInteger();
    List<Integer> answered = new CopyOnWriteArrayList<>();
    List<Thread> threads = new java.util.ArrayList<>();
    for (int i = 0; i < hellos; i++) {
      int n = i;
      letGo.add(new CountDownLatch(1));
      threads.add(Thread.ofVirtual().start(() -> turns.take(() -> {
        mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
        answered.add(n);
        try {
          letGo.get(n).await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        inside.decrementAndGet();
      })));
      // Each one queued before the next starts, so "the order they came" is this loop's.
      awaitTrue(() -> turns.waiting() + answered.size() == n + 1);
    }
    assertThat(answered).as("two answered").containsExactly(0, 1);
    assertThat(turns.waiting()).as("four waiting").isEqualTo(4);
    // One answer ends at a time, so exactly one turn is free each time: it must go to the oldest hello waiting.
    // (Ending two at once would let the two next race each other to the list, which says nothing about turns.)
    for (int done = 0; done < hellos; done++) {
      letGo.get(done).countDown();
      int expected = Math.min(done + 3, hellos);
      awaitTrue(() -> answered.size() == expected);
      if (done + 2 < hellos) assertThat(answered.getLast()).as("the turn freed by %d", done).isEqualTo(done + 2);
    }
    for (Thread t : threads) t.join(5_000);
    assertThat(mostInside.get()).isEqualTo(2);
    assertThat(answered).containsExactly(0, 1, 2, 3, 4, 5);
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > until) throw new AssertionError("not within 5 s");
      Thread.sleep(1);
    }
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
