package dev.cowatch.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cowatch.client.CowatchClient;
import dev.cowatch.core.room.Corrections;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.room.members.SyncFigures;
import dev.cowatch.server.room.members.SyncFigures.Bucket;
import dev.cowatch.server.room.members.SyncFigures.Straggler;
import java.time.Duration;
import java.util.List;
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

      assertThat(figures(ts, room)).isEqualTo(new SyncFigures(3, 0, 0, 20.0, null, null, null, 0, 0));

      ann.report(4.0, 30.0, new Corrections(2, 0));
      bob.report(-25.0, 80.0, new Corrections(5, 1));
      cy.report(9.0, 20.0);
      ann.report(-6.0, 35.0, new Corrections(1, 1)); // the last drift counts; corrections add up

      await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
          assertThat(figures(ts, room)).isEqualTo(new SyncFigures(3, 3, 2, 20.0, 9.0, 25.0, 80.0, 8, 2,
              List.of(new Bucket(20.0, 2), new Bucket(50.0, 1), new Bucket(100.0, 0), new Bucket(250.0, 0),
                  new Bucket(1_000.0, 0), new Bucket(null, 0)),
              List.of(new Straggler(bob.memberId(), "Bob", -25.0), new Straggler(cy.memberId(), "Cy", 9.0),
                  new Straggler(ann.memberId(), "Ann", -6.0)))));

      bob.close();
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
          assertThat(figures(ts, room)).as("a member who left no longer counts, nor do its corrections")
              .isEqualTo(new SyncFigures(2, 2, 2, 20.0, 7.5, 9.0, 35.0, 3, 1,
                  List.of(new Bucket(20.0, 2), new Bucket(50.0, 0), new Bucket(100.0, 0), new Bucket(250.0, 0),
                      new Bucket(1_000.0, 0), new Bucket(null, 0)),
                  List.of(new Straggler(cy.memberId(), "Cy", 9.0), new Straggler(ann.memberId(), "Ann", -6.0)))));
    }
  }

  private static SyncFigures figures(TestServer ts, RoomId room) {
    return ts.server().rooms().management().syncFigures(TestServer.OWNER, room);
  }
}
