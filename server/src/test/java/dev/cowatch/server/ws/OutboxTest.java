package dev.cowatch.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The bounded per-connection queue that keeps a slow client from slowing its room. */
class OutboxTest {

  @Test
  void offerBeyondCapacity_isRefused() {
    Outbox outbox = new Outbox(2);
    assertThat(outbox.offer(() -> "1")).isTrue();
    assertThat(outbox.offer(() -> "2")).isTrue();
    assertThat(outbox.offer(() -> "3")).isFalse();
  }

  @Test
  void stateMessages_neverCountAgainstCapacity_andKeepOnlyTheLatest() throws Exception {
    Outbox outbox = new Outbox(1);
    assertThat(outbox.offer(() -> "event")).isTrue();
    for (int v = 1; v <= 100; v++) {
      outbox.offerTimeline("timeline-" + v);
      outbox.offerPresence("presence-" + v);
    }
    assertThat(outbox.take()).isEqualTo("event");
    assertThat(outbox.take()).isEqualTo("timeline-100");
    assertThat(outbox.take()).isEqualTo("presence-100");
    assertThat(takeWithin(outbox, Duration.ofMillis(100))).as("nothing else is pending").isNull();
  }

  @Test
  void take_servesQueuedMessagesFirst_thenTimeline_thenPresence() throws Exception {
    Outbox outbox = new Outbox(10);
    outbox.offerPresence("presence");
    outbox.offerTimeline("timeline");
    outbox.offer(() -> "joined");
    outbox.offer(() -> "error");
    assertThat(outbox.take()).isEqualTo("joined");
    assertThat(outbox.take()).isEqualTo("error");
    assertThat(outbox.take()).isEqualTo("timeline");
    assertThat(outbox.take()).isEqualTo("presence");
  }

  @Test
  void queuedMessage_isProducedWhenTaken_notWhenOffered() throws Exception {
    Outbox outbox = new Outbox(10);
    AtomicInteger stamped = new AtomicInteger();
    outbox.offer(() -> "pong-" + stamped.incrementAndGet());
    assertThat(stamped).hasValue(0);
    assertThat(outbox.take()).isEqualTo("pong-1");
  }

  @Test
  void take_blocksUntilSomethingIsOffered() throws Exception {
    Outbox outbox = new Outbox(10);
    CompletableFuture<String> taken = CompletableFuture.supplyAsync(() -> {
      try {
        return outbox.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted";
      }
    });
    Thread.sleep(50);
    assertThat(taken).isNotDone();
    outbox.offerTimeline("timeline");
    assertThat(taken.get(2, TimeUnit.SECONDS)).isEqualTo("timeline");
  }

  @Test
  void finish_drainsWhatIsQueued_thenTakeReturnsNull() throws Exception {
    Outbox outbox = new Outbox(10);
    outbox.offer(() -> "error");
    outbox.offer(() -> "bye");
    outbox.finish();
    assertThat(outbox.isFinished()).isFalse();
    assertThat(outbox.take()).isEqualTo("error");
    assertThat(outbox.take()).isEqualTo("bye");
    assertThat(outbox.isFinished()).isTrue();
    assertThat(outbox.take()).isNull();
  }

  @Test
  void finish_wakesABlockedTaker() throws Exception {
    Outbox outbox = new Outbox(10);
    CompletableFuture<String> taken = CompletableFuture.supplyAsync(() -> {
      try {
        return outbox.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted";
      }
    });
    Thread.sleep(50);
    outbox.finish();
    assertThat(taken.get(2, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void close_dropsEverything_andAcceptsQuietly() throws Exception {
    Outbox outbox = new Outbox(1);
    outbox.offer(() -> "queued");
    outbox.offerTimeline("timeline");
    outbox.close();
    assertThat(outbox.take()).isNull();
    assertThat(outbox.offer(() -> "late")).as("no slow-consumer close for an already closed connection").isTrue();
    assertThat(outbox.offer(() -> "later")).isTrue();
  }

  /** take() with a deadline, for asserting that nothing is pending. */
  private static String takeWithin(Outbox outbox, Duration timeout) throws Exception {
    CompletableFuture<String> taken = CompletableFuture.supplyAsync(() -> {
      try {
        return outbox.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    });
    try {
      return taken.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      outbox.close();
      return null;
    }
  }
}
