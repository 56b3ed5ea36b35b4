package dev.cowatch.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DelayedTransportTest {
  /** Records what is sent; echoes each send back as a received message at once. */
  private static final class LoopbackTransport implements Transport {
    final List<String> sent = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<Connection> connect(URI uri, Listener listener) {
      return CompletableFuture.completedFuture(new Connection() {
        @Override
        public void send(String text) {
          sent.add(text);
          listener.onText(text);
        }

        @Override
        public void close(int code, String reason) {
          listener.onClosed(code, reason);
        }
      });
    }
  }

  @Test
  void messages_keepTheirOrderDespiteJitter_andAreDelayedBothWays() throws Exception {
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4);
    try {
      LoopbackTransport inner = new LoopbackTransport();
      List<String> received = new CopyOnWriteArrayList<>();
      List<Long> receivedAt = new CopyOnWriteArrayList<>();
      var transport = new DelayedTransport(inner, scheduler, 3, 20, 15);
      Transport.Connection c = transport.connect(URI.create("ws://test"), new Transport.Listener() {
        @Override
        public void onText(String text) {
          received.add(text);
          receivedAt.add(System.nanoTime());
        }

        @Override
        public void onClosed(int code, String reason) {}
      }).get();
      long start = System.nanoTime();
      List<String> messages = IntStream.range(0, 200).mapToObj(Integer::toString).toList();
      messages.forEach(c::send);
      await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == messages.size());
      assertThat(inner.sent).containsExactlyElementsOf(messages);
      assertThat(received).containsExactlyElementsOf(messages);
      // Two one-way trips of at least 5 ms each (20 - 15).
      assertThat((receivedAt.get(0) - start) / 1e6).isGreaterThanOrEqualTo(10);
    } finally {
      scheduler.shutdownNow();
    }
  }
}
