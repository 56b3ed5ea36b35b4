package dev.cowatch.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.RoomId;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.server.RawSocket;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.Timings;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Members that played between themselves while the server was away hand their timeline back
 * (docs/protocol.md 3.12, 4.12): the server takes it only if its room did not move meanwhile.
 */
class HandBackOverSocketTest {
  private static final String FILM = "https://example.com/film.mp4";
  private final TestServer ts = new TestServer();
  private final RoomId room = ts.createRoom(FILM);

  @AfterEach
  void stop() {
    ts.close();
  }

  private static List<ServerMessage.TimelineUpdate> timelines(RawSocket s) {
    return s.messages(ServerMessage.TimelineUpdate.class);
  }

  private static String handBack(long version, String state, long positionMs, long anchorTimeMs, String ref) {
    return "{\"type\":\"handBack\",\"version\":" + version + ",\"mediaId\":\"" + FILM + "\",\"state\":\"" + state
        + "\",\"anchorPositionMs\":" + positionMs + ",\"anchorTimeMs\":" + anchorTimeMs + ",\"rate\":1.0,\"ref\":\"" + ref
        + "\"}";
  }

  @Test
  void unmovedRoom_takesThePeersTimelineAsItIs_andTellsEveryoneWhoHandedItBack() {
    try (RawSocket ann = RawSocket.open(ts.wsUri(room.value())); RawSocket bob = RawSocket.open(ts.wsUri(room.value()))) {
      ann.hello("Ann");
      ServerMessage.Joined bobJoined = bob.hello("Bob");
      long base = bobJoined.room().timeline().version();
      long anchor = System.currentTimeMillis() - 20_000;

      bob.send(handBack(base, "playing", 95_000, anchor, "h1"));

      Timings.within(RawSocket.WAIT).until(() -> !timelines(ann).isEmpty());
      ServerMessage.TimelineUpdate t = timelines(ann).getFirst();
      assertThat(t.timeline()).isEqualTo(new ServerMessage.TimelineView(FILM, "playing", 95_000, anchor, 1.0, base + 1));
      assertThat(t.cause().intent()).isEqualTo("handBack");
      assertThat(t.cause().memberId()).isEqualTo(bobJoined.memberId());
      Timings.within(RawSocket.WAIT).until(() -> !timelines(bob).isEmpty());
      assertThat(timelines(bob).getFirst().timeline()).isEqualTo(t.timeline());
    }
  }

  @Test
  void roomMovedMeanwhile_refusesWithConflict_carryingTheServersTimeline() {
    try (RawSocket ann = RawSocket.open(ts.wsUri(room.value())); RawSocket bob = RawSocket.open(ts.wsUri(room.value()))) {
      ann.hello("Ann");
      long base = bob.hello("Bob").room().timeline().version();
      ann.send("{\"type\":\"seek\",\"version\":" + base + ",\"positionMs\":5000}"); // Ann stayed with the server
      Timings.within(RawSocket.WAIT).until(() -> !timelines(bob).isEmpty());

      bob.send(handBack(base, "paused", 40_000, System.currentTimeMillis() - 1_000, "h2"));

      ServerMessage.Error refused = bob.awaitError("conflict");
      assertThat(refused.ref()).isEqualTo("h2");
      assertThat(refused.timeline().version()).isEqualTo(base + 1);
      assertThat(refused.timeline().anchorPositionMs()).isEqualTo(5_000);
      assertThat(timelines(ann)).hasSize(1); // the seek, nothing after it
    }
  }

  @Test
  void aMalformedHandBack_isAClearErrorAndChangesNothing() {
    try (RawSocket bob = RawSocket.open(ts.wsUri(room.value()))) {
      long base = bob.hello("Bob").room().timeline().version();

      bob.send("{\"type\":\"handBack\",\"version\":" + base + ",\"mediaId\":\"" + FILM + "\",\"state\":\"paused\"}");
      assertThat(bob.awaitError("invalid_field").message()).contains("anchorPositionMs");

      bob.send(handBack(base, "waiting", 1_000, System.currentTimeMillis(), "h3"));
      assertThat(bob.awaitError("invalid_argument").ref()).isEqualTo("h3");

      bob.send(handBack(base, "paused", 1_000, System.currentTimeMillis() + 60_000, "h4"));
      Timings.within(RawSocket.WAIT).until(() -> bob.errors("invalid_argument").size() == 2);
      assertThat(timelines(bob)).isEmpty();
    }
  }
}
