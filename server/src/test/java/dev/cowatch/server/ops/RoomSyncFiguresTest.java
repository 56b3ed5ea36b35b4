package dev.cowatch.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cowatch.client.CowatchClient;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.room.SyncFigures;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A room's sync figures, as its moderators read them, come from its connected players' own last reports. */
class RoomSyncFiguresTest {

  @Test
  void figures_followTheConnectedMembersLastReports() {
    try (TestServer ts = new TestServer()) {
      RoomId room = ts.createRoom("https://example.org/film.mp4");
      CowatchClient ann = ts.joined(room, "Ann");
      CowatchClient bob = ts.joined(room, "Bob");
      CowatchClient cy = ts.joined(room, "Cy");

      assertThat(figures(ts, room)).isEqualTo(new SyncFigures(3, 0, 0, 20.0, null, null, null));

      ann.report(4.0, 30.0);
      bob.report(-25.0, 80.0);
      cy.report(9.0, 20.0);
      ann.report(-6.0, 35.0); // the last report counts

      await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
          assertThat(figures(ts, room)).isEqualTo(new SyncFigures(3, 3, 2, 20.0, 9.0, 25.0, 80.0)));

      bob.close();
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
          assertThat(figures(ts, room)).as("a member who left no longer counts")
              .isEqualTo(new SyncFigures(2, 2, 2, 20.0, 7.5, 9.0, 35.0)));
    }
  }

  private static SyncFigures figures(TestServer ts, RoomId room) {
    return ts.server().rooms().management().syncFigures(TestServer.OWNER, room);
  }
}
