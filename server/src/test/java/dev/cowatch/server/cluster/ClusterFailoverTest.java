package dev.cowatch.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowatch.client.CowatchClient;
import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.server.RawSocket;
import dev.cowatch.server.ReferenceNginx;
import dev.cowatch.server.ServerProcess;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.platform.jdbc.TestDatabases;
import dev.cowatch.server.platform.redis.Redis;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reference deployment for real: three server processes behind Debian's nginx, sharing
 * PostgreSQL and Redis, with the members of one room spread over all three. One node is killed with
 * SIGKILL while the room plays; its members come back through nginx on the other nodes, as the same
 * members, within 3 s, and everyone is on one timeline again.
 */
class ClusterFailoverTest {
  private static final int NODES = 3;
  private static final int VIEWERS = 6;
  /** The bound for a member of a killed node to be back. */
  private static final Duration RESUME_BOUND = Duration.ofSeconds(3);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir = TestServer.tempDir();
  private final TestDatabases.ForServer database = TestDatabases.bothForServers()
      .filter(n -> n.getName().equals("postgresql")).findFirst().orElseThrow().getPayload().apply(dir);
  private final String prefix = "cowatch-cluster-test:" + ProcessHandle.current().pid() + ":";
  private final List<ServerProcess> nodes = new ArrayList<>();
  private final List<CowatchClient> viewers = new ArrayList<>();
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private ReferenceNginx nginx;

  @AfterEach
  void stop() throws Exception {
    for (CowatchClient c : viewers) c.close();
    scheduler.shutdownNow();
    if (nginx != null) nginx.close();
    for (ServerProcess n : nodes) n.close();
    database.dispose().run();
    try (Redis redis = Redis.connect("redis://127.0.0.1:6379", prefix)) {
      String[] keys = redis.sync().keys(prefix + "*").toArray(String[]::new);
      if (keys.length > 0) redis.sync().del(keys);
    }
  }

  @Test
  void aNodeKilledMidPlayback_costsItsMembersAResume_andNothingElse() throws Exception {
    List<Integer> ports = new ArrayList<>();
    Map<String, String> env = Map.of("COWATCH_JWT_SECRET", sharedSecret());
    for (int i = 0; i < NODES; i++) {
      int port = freePort();
      ports.add(port);
      nodes.add(ServerProcess.start(port, dir.resolve("node-" + i + ".log"), List.of(
          "--data-dir", dir.resolve("node-" + i).toString(),
          "--db-url", database.config().url(), "--db-user", database.config().user(),
          "--redis-url", "redis://127.0.0.1:6379", "--redis-prefix", prefix,
          "--connections-per-address", "100000", "--room-creations-per-address", "100000",
          "--signups-per-address", "100000"), env));
    }
    nginx = ReferenceNginx.start(dir.resolve("nginx"), Path.of("..", "deploy", "cluster", "nginx.conf.template"),
        freePort(), Map.of("NODES", ports.stream().map(p -> "    server 127.0.0.1:" + p + " max_fails=1 fail_timeout=5s;")
            .collect(java.util.stream.Collectors.joining("\n"))));
    String roomId = createRoom(nginx.base());
    for (int i = 0; i < VIEWERS; i++) {
      CowatchClient c = CowatchClient.builder(nginx.base(), roomId, scheduler).name("Viewer " + i)
          .tolerances(Tolerances.DEFAULTS).build();
      viewers.add(c);
      c.connect().get(10, TimeUnit.SECONDS);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> viewers.stream().allMatch(v -> v.memberCount() == VIEWERS));
    Map<Integer, Integer> spread = connectionsPerNode(ports);
    assertThat(spread.values()).as("nginx spreads the viewers over every node").allMatch(n -> n > 0);

    viewers.getFirst().play();
    await().atMost(Duration.ofSeconds(5)).until(() -> viewers.stream()
        .allMatch(v -> v.timeline().state() == PlaybackState.PLAYING));
    Map<CowatchClient, String> memberBefore = new HashMap<>();
    for (CowatchClient v : viewers) memberBefore.put(v, v.memberId());

    int victim = 1;
    // Someone on the victim node who will not come back (their laptop closed with the node's death).
    RawSocket gone = RawSocket.open(URI.create("ws://127.0.0.1:" + ports.get(victim) + "/ws/rooms/" + roomId));
    String goneMember = gone.hello("Gone").memberId();
    await().atMost(Duration.ofSeconds(5)).until(() -> viewers.getFirst().memberCount() == VIEWERS + 1);
    long killedAt = System.nanoTime();
    nodes.get(victim).kill();

    // Every viewer is connected again, as the member it was, within the bound.
    await().atMost(RESUME_BOUND).pollInterval(Duration.ofMillis(20)).until(() -> viewers.stream()
        .allMatch(v -> v.isConnected() && v.memberId().equals(memberBefore.get(v))));
    long resumedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
    System.out.println("cluster-failover: viewers=" + VIEWERS + " on_killed_node=" + spread.get(ports.get(victim))
        + " all_back_ms=" + resumedMs);
    assertThat(connectionsPerNode(List.of(ports.get(0), ports.get(2))).values().stream().mapToInt(i -> i).sum())
        .isEqualTo(VIEWERS);

    // One room, one timeline: a seek after the kill reaches everyone, from whichever node decided it.
    viewers.get(3).seek(90_000);
    await().atMost(Duration.ofSeconds(5)).until(() -> viewers.stream()
        .allMatch(v -> v.timeline().anchorPositionMs() == 90_000 && v.timeline().state() == PlaybackState.PLAYING));
    assertThat(viewers.stream().map(CowatchClient::timeline).distinct()).hasSize(1);
    assertThat(viewers.getFirst().memberCount()).as("nobody was lost or doubled").isEqualTo(VIEWERS + 1);

    // Nobody heard the gone member's connection close: the living nodes notice its node stopped
    // beating and start its reconnect grace, as for anyone who lost the network.
    await().atMost(Duration.ofSeconds(15)).until(() -> viewers.getFirst().members().stream()
        .anyMatch(m -> m.id().equals(goneMember) && m.connection().equals("disconnected")));
    gone.abort();
  }

  private static String createRoom(URI base) throws IOException, InterruptedException {
    JsonNode guest = post(base, "/api/auth/guest", null, Map.of("displayName", "Host"));
    JsonNode room = post(base, "/api/rooms", guest.path("accessToken").asText(),
        Map.of("name", "Cluster night", "mediaId", "https://example.org/film.mp4"));
    return room.path("id").asText();
  }

  private static JsonNode post(URI base, String path, String token, Object body) throws IOException, InterruptedException {
    HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (token != null) r.header("Authorization", "Bearer " + token);
    HttpResponse<String> response = HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(201);
    return JSON.readTree(response.body());
  }

  /** Each node's open room connections, from its own health endpoint. */
  private static Map<Integer, Integer> connectionsPerNode(List<Integer> ports) throws IOException, InterruptedException {
    Map<Integer, Integer> counts = new HashMap<>();
    for (int port : ports) {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/api/health")).build(), HttpResponse.BodyHandlers.ofString());
      counts.put(port, JSON.readTree(r.body()).path("connections").asInt());
    }
    return counts;
  }

  private static String sharedSecret() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  private static int freePort() throws IOException {
    return ServerProcess.freePort();
  }
}
