package dev.cowatch.server.showing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.FakeClock;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.core.room.UserId;
import dev.cowatch.core.room.Visibility;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.http.Api;
import dev.cowatch.server.http.Api.Who;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.Test;

/**
 * Planning a showing puts its room on the plan on the planner's own thread, before the planner is answered: a
 * preview or a room page opened at once never shows the room unplanned (CI once read it before a timer thread had
 * run). The conductor here has a timer pool that takes nothing, so work left to it would fail the call.
 */
class ShowingProgrammeTest {
  private final FakeClock clock = FakeClock.atFixedStart();

  @Test
  void programme_putsTheRoomOnItsPlanBeforeItReturns_withoutTheTimerThread() {
    try (TestServer ts = new TestServer(TestServer.tempDir(), c -> c, clock); Api api = new Api(ts)) {
      Who ann = api.account("Ann");
      String roomId = api.call("POST", "/api/rooms", "{\"name\":\"Film night\",\"mediaId\":\"https://example.org/trailer.mp4\"}",
          ann.token()).json().get("id").asText();
      ScheduledThreadPoolExecutor takesNothing = new ScheduledThreadPoolExecutor(1);
      takesNothing.shutdownNow();
      RoomShowingConductor conductor = new RoomShowingConductor(null, ts.server().rooms().service(), clock, takesNothing);
      long start = clock.millis() + Duration.ofHours(1).toMillis();
      Showing showing = new Showing("s1", new UserId(ann.userId()), "Film night", null,
          List.of(new Episode("https://example.org/feature.mp4", "Feature", 5_400_000L)), start, ZoneOffset.UTC,
          Visibility.PRIVATE, roomId, Showing.Status.SCHEDULED, clock.millis());

      conductor.programme(showing);

      Timeline t = ts.server().rooms().service().find(new RoomId(roomId)).orElseThrow().timeline();
      assertThat(t.mediaId()).isEqualTo("https://example.org/feature.mp4");
      assertThat(t.state()).isEqualTo(PlaybackState.PLAYING);
      assertThat(t.anchorTimeMs()).as("everyone starts on the start instant").isEqualTo(start);
      assertThat(conductor.planned(new RoomId(roomId), clock.millis())).as("and a reload comes back on it")
          .contains(new dev.cowatch.server.room.decisions.RoomPlans.Planned("https://example.org/feature.mp4", start));
    }
  }
}
