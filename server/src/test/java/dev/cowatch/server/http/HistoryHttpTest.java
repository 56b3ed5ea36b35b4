package dev.cowatch.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowatch.server.RawSocket;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.Timings;
import dev.cowatch.server.http.Api.Who;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Watch history written from real room sessions and read over HTTP. */
class HistoryHttpTest {
  private static TestServer ts;
  private static Api api;

  @BeforeAll
  static void start() {
    ts = new TestServer();
    api = new Api(ts);
  }

  @AfterAll
  static void stop() {
    api.close();
    ts.close();
  }

  private static JsonNode entries(Who who) {
    return api.call("GET", "/api/me/history", null, who.token()).json().get("entries");
  }

  @Test
  void watching_together_is_remembered_with_whom_and_can_be_removed() {
    Who ann = api.account("Ann");
    Who bob = api.account("Bob");
    String room = api.call("POST", "/api/rooms", "{\"name\":\"Sunday film\",\"mediaId\":\"https://example.org/film.mp4\"}",
        ann.token()).json().get("id").asText();
    try (RawSocket a = RawSocket.open(ts.wsUri(room)); RawSocket b = RawSocket.open(ts.wsUri(room))) {
      a.helloWithToken("Ann", ann.token());
      b.helloWithToken("Bob", bob.token());
      Timings.within(RawSocket.WAIT).until(() -> entries(bob).size() == 1);
    }
    // Null fields are left out of the JSON: an entry still open has no endedAt at all.
    Timings.within(RawSocket.WAIT).until(() -> !entries(ann).isEmpty() && entries(ann).get(0).hasNonNull("endedAt"));
    JsonNode entry = entries(ann).get(0);
    assertThat(entry.get("roomName").asText()).isEqualTo("Sunday film");
    assertThat(entry.get("mediaId").asText()).isEqualTo("https://example.org/film.mp4");
    assertThat(entry.get("with").get(0).asText()).isEqualTo("Bob");
    assertThat(entry.get("durationMs").asLong()).isGreaterThanOrEqualTo(0);

    String id = entry.get("id").asText();
    assertThat(api.call("DELETE", "/api/me/history/" + id, null, bob.token()).status()).as("not Bob's").isEqualTo(404);
    assertThat(api.call("DELETE", "/api/me/history/" + id, null, ann.token()).status()).isEqualTo(204);
    assertThat(entries(ann)).isEmpty();
    assertThat(entries(bob)).hasSize(1);
    assertThat(api.call("GET", "/api/me/history", null, null).status()).isEqualTo(401);
    assertThat(api.call("GET", "/api/me/history?before=x", null, ann.token()).status()).isEqualTo(422);
  }
}
