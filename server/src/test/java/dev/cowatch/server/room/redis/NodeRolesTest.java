package dev.cowatch.server.room.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cowatch.client.CowatchClient;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.RawSocket;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.platform.jdbc.TestDatabases;
import dev.cowatch.server.room.live.ClusterConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An api node and a sync node of one cluster: each serves its part, and a room is one room across them. */
class NodeRolesTest {
  private final String prefix = TestRedis.freshPrefix();
  private final TestDatabases.ForServer database = TestDatabases.bothForServers().filter(n -> n.getName()
      .equals("postgresql")).findFirst().orElseThrow().getPayload().apply(TestServer.tempDir());
  private final TestServer api = node(ClusterConfig.Role.API);
  private final TestServer sync = node(ClusterConfig.Role.SYNC);

  private TestServer node(ClusterConfig.Role role) {
    return new TestServer(TestServer.tempDir(), c -> c.database(database.config())
        .cluster(new ClusterConfig(TestRedis.URL, prefix, role)), Clock.systemUTC());
  }

  @AfterEach
  void close() {
    api.close();
    sync.close();
    database.dispose().run();
    TestRedis.clean(prefix);
  }

  @Test
  void theApiNodeServesRest_theSyncNodeServesSockets_andARoomIsOneRoomAcrossThem() throws Exception {
    RoomId room = api.createRoom("film.mp4");

    assertThat(get(api, "/api/rooms/" + room.value()).statusCode()).isEqualTo(200);
    assertThat(get(sync, "/api/rooms/" + room.value()).statusCode()).as("no REST on a sync node").isEqualTo(404);
    assertThat(get(sync, "/api/health").statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> RawSocket.open(api.wsUri(room.value()))).as("no sockets on an api node");

    CowatchClient ann = sync.joined(room, "Ann");
    ann.play();
    await().atMost(Duration.ofSeconds(5)).until(() -> api.server().rooms().service().find(room).orElseThrow()
        .timeline().state() == PlaybackState.PLAYING);
    assertThat(get(api, "/api/rooms/" + room.value()).body()).contains("\"playing\"");
  }

  @Test
  void anApiOrSyncNode_withoutRedis_isRefusedAtStart() {
    assertThatThrownBy(() -> new ClusterConfig(null, "cowatch:", ClusterConfig.Role.SYNC))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--role sync needs --redis-url");
  }

  private static HttpResponse<String> get(TestServer node, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(node.baseUri() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
