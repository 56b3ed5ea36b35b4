package dev.cowatch.server.room.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowatch.server.RawSocket;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.Timings;
import dev.cowatch.server.http.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What staff read of a room's sync over HTTP: the figures, the corrections, and the distribution of drifts. */
class SyncFiguresRouteTest {
  private final TestServer ts = new TestServer();
  private final Api api = new Api(ts);

  @AfterEach
  void stop() {
    api.close();
    ts.close();
  }

  @Test
  void staffRead_theCorrections_theHistogram_andWhoIsFurthest() {
    Api.Who ann = api.account("Ann");
    String room = api.createRoom(ann, "{\"name\":\"Club\",\"mediaId\":\"https://example.org/film.mp4\"}");
    try (RawSocket a = RawSocket.open(ts.wsUri(room)); RawSocket b = RawSocket.open(ts.wsUri(room))) {
      a.helloWithToken("Ann", ann.token());
      b.hello("Bob");
      a.send("{\"type\":\"report\",\"driftMs\":3.0,\"rttMs\":20.0,\"nudges\":2,\"seeks\":0}");
      b.send("{\"type\":\"report\",\"driftMs\":-140.0,\"rttMs\":90.0,\"nudges\":4,\"seeks\":1}");
      Timings.within(RawSocket.WAIT).until(() -> sync(room, ann).path("reporting").asInt() == 2);
      JsonNode f = sync(room, ann);
      assertThat(f.path("nudges").asLong()).isEqualTo(6);
      assertThat(f.path("seeks").asLong()).isEqualTo(1);
      JsonNode h = f.path("histogram");
      assertThat(h).hasSize(6);
      assertThat(h.get(0).path("upToMs").asDouble()).isEqualTo(20.0);
      assertThat(h.get(0).path("count").asInt()).isEqualTo(1);
      assertThat(h.get(3).path("upToMs").asDouble()).isEqualTo(250.0);
      assertThat(h.get(3).path("count").asInt()).as("Bob's 140 ms").isEqualTo(1);
      assertThat(h.get(5).has("upToMs")).as("the last bucket has no limit").isFalse();
      assertThat(f.path("furthest").get(0).path("name").asText()).isEqualTo("Bob");
      assertThat(f.path("furthest").get(0).path("driftMs").asDouble()).isEqualTo(-140.0);
      assertThat(api.call("GET", "/api/rooms/" + room + "/sync", null, api.account("Eve").token()).status())
          .as("not for someone outside the room's staff").isEqualTo(403);
    }
  }

  private JsonNode sync(String room, Api.Who who) {
    return api.call("GET", "/api/rooms/" + room + "/sync", null, who.token()).json();
  }
}
