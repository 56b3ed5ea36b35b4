package dev.cowatch.server.room.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.HealthNews;
import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.RawSocket;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.Timings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A steady player's reports (its minute's "still here", or figures that moved less than a player reports a change
 * by) leave the room's figures as they were; a report that moved a figure by a step, or brings corrections, is taken.
 * End to end, through a real socket. The room applies the same "is this news?" rule itself, so this stays green
 * without the connection's filter; that the room is not even asked is {@link HealthReportsTest}'s to show.
 */
class SteadyReportsTest {

  @Test
  void reportsWithoutNews_leaveTheRoomsFigures_newsIsTaken() {
    try (TestServer ts = new TestServer()) {
      RoomId room = ts.createRoom("film.mp4");
      try (RawSocket player = RawSocket.open(ts.wsUri(room.value()))) {
        MemberId id = new MemberId(player.hello("steady").memberId());

        player.send(report(3, 40));
        awaitFigures(ts, room, id, 3, 40);

        player.send(report(3 + HealthNews.DRIFT_CHANGE_MS - 1, 40 + HealthNews.RTT_CHANGE_MS - 1));
        player.send(report(3 - HealthNews.DRIFT_CHANGE_MS + 1, 40));
        handledSoFar(player, 1);
        assertThat(member(ts, room, id).driftMs()).as("no news: the room keeps what it had").isEqualTo(3.0);
        assertThat(member(ts, room, id).rttMs()).isEqualTo(40.0);

        player.send(report(3, 40 + HealthNews.RTT_CHANGE_MS));
        awaitFigures(ts, room, id, 3, 40 + HealthNews.RTT_CHANGE_MS);

        player.send(report(3, 60).replace("}", ",\"nudges\":1}"));
        Timings.within(Duration.ofSeconds(5)).until(() -> member(ts, room, id).corrections().nudges() == 1);
        player.send(report(3 + HealthNews.DRIFT_CHANGE_MS, 60));
        awaitFigures(ts, room, id, 3 + HealthNews.DRIFT_CHANGE_MS, 60);
        assertThat(player.messages(dev.cowatch.protocol.ServerMessage.Error.class)).isEmpty();
      }
    }
  }

  /** A ping after what was sent: its pong means the server has handled everything before it (in order). */
  private static void handledSoFar(RawSocket player, int pings) {
    player.send("{\"type\":\"ping\",\"t0\":" + System.currentTimeMillis() + "}");
    Timings.within(Duration.ofSeconds(5))
        .until(() -> player.messages(dev.cowatch.protocol.ServerMessage.Pong.class).size() >= pings);
  }

  private static String report(double driftMs, double rttMs) {
    return "{\"type\":\"report\",\"driftMs\":" + driftMs + ",\"rttMs\":" + rttMs + "}";
  }

  /** Waits until the room keeps these figures, and checks that no report between (sent earlier) changed them. */
  private static void awaitFigures(TestServer ts, RoomId room, MemberId id, double driftMs, double rttMs) {
    Timings.within(Duration.ofSeconds(5)).until(() -> {
      Member m = member(ts, room, id);
      return m.driftMs() != null && m.driftMs() == driftMs && m.rttMs() == rttMs;
    });
  }

  private static Member member(TestServer ts, RoomId room, MemberId id) {
    return ts.server().rooms().service().find(room).orElseThrow().member(id).orElseThrow();
  }
}
