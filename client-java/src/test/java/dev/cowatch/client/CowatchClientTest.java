package dev.cowatch.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CowatchClientTest {
  @Test
  void socketUri_followsTheServerScheme() {
    assertThat(CowatchClient.socketUri(URI.create("http://127.0.0.1:8080"), "abcd"))
        .isEqualTo(URI.create("ws://127.0.0.1:8080/ws/rooms/abcd"));
    assertThat(CowatchClient.socketUri(URI.create("https://watch.example.org/"), "abcd"))
        .isEqualTo(URI.create("wss://watch.example.org/ws/rooms/abcd"));
  }

  @Test
  void socketUri_refusesOtherSchemes() {
    assertThatThrownBy(() -> CowatchClient.socketUri(URI.create("ftp://x"), "abcd"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void close_stopsAReconnectAlreadyScheduled_soNoGhostMemberJoins() throws Exception {
    List<Transport.Listener> opened = new CopyOnWriteArrayList<>();
    Transport transport = (uri, listener) -> {
      opened.add(listener);
      return CompletableFuture.completedFuture(new Transport.Connection() {
        @Override
        public void send(String text) {}

        @Override
        public void close(int code, String reason) {}
      });
    };
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      CowatchClient client = CowatchClient.builder(URI.create("http://127.0.0.1:1"), "abcd", scheduler).name("Ann")
          .transport(transport).build();
      client.connect();
      opened.get(0).onClosed(1006, "the server died"); // schedules a reconnect in 100 ms

      client.close();
      Thread.sleep(400);

      assertThat(opened).as("connections opened").hasSize(1);
    } finally {
      scheduler.shutdownNow();
      scheduler.awaitTermination(1, TimeUnit.SECONDS);
    }
  }
}
