package dev.cowatch.server.showing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cowatch.core.FakeClock;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.http.Api;
import dev.cowatch.server.http.Api.Who;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A node that did not plan a showing (another node of the cluster did, and died) takes it up at its
 * next refresh and moves the room on to the next episode at the first one's end.
 */
class ShowingRefreshTest {
  private static final long EPISODE_1 = 600_000;
  private final FakeClock clock = FakeClock.atFixedStart();

  @Test
  void aShowingPlannedElsewhere_isFollowedAfterARefresh() {
    long start = clock.millis() + Duration.ofMinutes(1).toMillis();
    String localStart = DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(Instant.ofEpochMilli(start).atZone(ZoneOffset.UTC));
    try (TestServer ts = new TestServer(TestServer.tempDir(), c -> c, clock); Api api = new Api(ts)) {
      Who ann = api.account("Ann");
      var created = api.call("POST", "/api/showings", """
          {"title": "Double bill", "startsAt": "%s", "timeZone": "UTC",
           "episodes": [{"mediaId": "https://example.org/ep1.mp4", "title": "One", "durationMs": %d},
                        {"mediaId": "https://example.org/ep2.mp4", "title": "Two", "durationMs": 300000}]}"""
          .formatted(localStart, EPISODE_1), ann.token());
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      String roomId = created.json().get("roomId").asText();
      RoomShowingConductor conductor = ts.server().showings().conductor();
      Showing showing = ts.server().showings().service().find(Optional.empty(), created.json().get("id").asText());
      conductor.cancelled(showing); // as a node that never heard of it: the plan is in the database only

      clock.advance(Duration.ofMinutes(1).plusMillis(EPISODE_1 + 1_000));
      conductor.followRoom(roomId);
      assertThat(timeline(ts, roomId).mediaId()).as("not followed: nothing moves on").endsWith("ep1.mp4");

      conductor.refresh();

      await().atMost(Duration.ofSeconds(5)).until(() -> timeline(ts, roomId).mediaId().endsWith("ep2.mp4"));
      assertThat(timeline(ts, roomId).anchorTimeMs()).as("exactly at the first one's end").isEqualTo(start + EPISODE_1);
    }
  }

  private static Timeline timeline(TestServer ts, String roomId) {
    return ts.server().rooms().service().find(new RoomId(roomId)).orElseThrow().timeline();
  }
}
