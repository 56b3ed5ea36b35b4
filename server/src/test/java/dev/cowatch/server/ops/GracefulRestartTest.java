package dev.cowatch.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowatch.client.CowatchClient;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.server.ServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM during playback with two clients: the node drains (stops accepting, closes the room sockets
 * with 1012, checkpoints the room, finishes requests) and exits within its bound; a node restarted on the
 * same port and data has both clients back within 3 s of answering, in the room where it was.
 */
class GracefulRestartTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void sigtermDuringPlayback_bothClientsBackWithin3s_onTheRestartedNode_roomWhereItWas() throws Exception {
    Path dir = Files.createTempDirectory("cowatch-restart");
    int port = ServerProcess.freePort();
    List<String> args = List.of("--data-dir", dir.resolve("data").toString());
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    ServerProcess first = ServerProcess.start(port, dir.resolve("first.log"), args);
    ServerProcess second = null;
    CowatchClient ann = null;
    CowatchClient bob = null;
    try {
      URI base = first.base();
      String token = post(base, "/api/auth/guest", "{\"displayName\":\"Host\"}", null).path("accessToken").asText();
      String room = post(base, "/api/rooms", "{\"name\":\"Restart night\",\"mediaId\":\"https://example.org/film.mp4\"}",
          token).path("id").asText();
      ann = CowatchClient.builder(base, room, scheduler).name("Ann").build();
      bob = CowatchClient.builder(base, room, scheduler).name("Bob").build();
      ann.connect().get(10, TimeUnit.SECONDS);
      bob.connect().get(10, TimeUnit.SECONDS);
      CowatchClient a = ann;
      CowatchClient b = bob;
      await().atMost(Duration.ofSeconds(10)).until(() -> a.clockSynced() && b.clockSynced());
      ann.play();
      await().atMost(Duration.ofSeconds(10)).until(() -> b.timeline().state() == PlaybackState.PLAYING
          && b.expectedPositionMs() > 1_500);
      String annBefore = ann.memberId();
      String bobBefore = bob.memberId();
      double positionAtTerm = ann.expectedPositionMs();

      long termAt = System.nanoTime();
      assertThat(first.terminate(Main_STOP_BOUND)).as("128 + SIGTERM, after the shutdown hook").isEqualTo(143);
      long drainMs = (System.nanoTime() - termAt) / 1_000_000;
      String drained = first.log();
      assertThat(drained).contains("draining: no longer accepting connections on port " + port)
          .contains("draining: told 2 room connections to reconnect (close 1012)")
          .contains("draining: 1 live rooms checkpointed where they are")
          .contains("draining: HTTP stopped after requests in flight")
          .contains("cowatch stopped");
      assertThat(drainMs).as("SIGTERM to exit").isLessThan(Main_STOP_BOUND.toMillis());

      second = ServerProcess.start(port, dir.resolve("second.log"), args);
      long upAt = System.nanoTime();
      await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20)).until(() ->
          a.isConnected() && b.isConnected() && !a.memberId().equals(annBefore) && !b.memberId().equals(bobBefore));
      long backMs = (System.nanoTime() - upAt) / 1_000_000;

      // Where it was: the drain wrote the playing room's position; it comes back paused there (a restart
      // loads every room paused, docs/architecture.md), so nobody misses what played while it was down.
      assertThat(a.timeline()).isEqualTo(b.timeline());
      assertThat(a.timeline().state()).isEqualTo(PlaybackState.PAUSED);
      assertThat((double) a.timeline().anchorPositionMs()).isBetween(positionAtTerm - 100, positionAtTerm + drainMs + 500);
      System.out.printf("graceful restart: drain %d ms, clients back %d ms after the new node answered, position %.0f -> %d%n",
          drainMs, backMs, positionAtTerm, a.timeline().anchorPositionMs());
    } finally {
      if (ann != null) ann.close();
      if (bob != null) bob.close();
      first.close();
      if (second != null) second.close();
      scheduler.shutdownNow();
    }
  }

  private static final Duration Main_STOP_BOUND = Duration.ofSeconds(20);

  private JsonNode post(URI base, String path, String body, String token) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) r.header("Authorization", "Bearer " + token);
    HttpResponse<String> res = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).as(path + " " + res.body()).isBetween(200, 201);
    return JSON.readTree(res.body());
  }
}
