package dev.cowatch.server.room.ws;

import static dev.cowatch.server.Timings.within;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.Tolerances;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.server.RawSocket;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.platform.Limits;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A hello that waits for its room (a crowd arriving at once, a node waiting for another's lease) does not stop the
 * connection: its pings are answered meanwhile, and what it sends after the hello is handled after the join, in order.
 */
class HelloWhileRoomBusyTest {

  @Test
  void pingsAreAnsweredWhileTheJoinWaits_andWhatCameAfterTheHelloIsHandledAfterTheJoin() throws Exception {
    try (TestServer ts = new TestServer()) {
      RoomId room = ts.createRoom("film.mp4");
      try (RoomBusy busy = RoomBusy.hold(ts, room); RawSocket socket = RawSocket.open(ts.wsUri(room.value()))) {
        socket.send("{\"type\":\"hello\",\"protocol\":1,\"name\":\"Ann\"}");
        socket.send("{\"type\":\"chat\",\"text\":\"hello everyone\",\"ref\":\"c1\"}");
        socket.send("{\"type\":\"ping\",\"t0\":1000}");
        socket.send("{ \"t0\": 2000, \"type\": \"ping\" }");

        within(Duration.ofSeconds(3)).until(() -> socket.messages(ServerMessage.Pong.class).size() == 2);
        assertThat(socket.messages(ServerMessage.Pong.class)).extracting(ServerMessage.Pong::t0)
            .containsExactly(1000L, 2000L);
        assertThat(socket.messages(ServerMessage.Joined.class)).as("the join is still waiting").isEmpty();

        busy.letGo.countDown();
        within(Duration.ofSeconds(5)).until(() -> chatLines(socket).contains("hello everyone"));
        List<String> types = socket.messages().stream().map(m -> m.getClass().getSimpleName()).toList();
        assertThat(types.indexOf("Joined")).as("joined before the chat line sent after the hello")
            .isLessThan(types.indexOf("Chat"));
        assertThat(socket.errors("hello_required")).isEmpty();
      }
    }
  }

  @Test
  void aClientThatSendsTooMuchBeforeJoining_isToldSo_andStillJoins() throws Exception {
    try (TestServer ts = new TestServer()) {
      RoomId room = ts.createRoom("film.mp4");
      try (RoomBusy busy = RoomBusy.hold(ts, room); RawSocket socket = RawSocket.open(ts.wsUri(room.value()))) {
        socket.send("{\"type\":\"hello\",\"protocol\":1,\"name\":\"Bob\"}");
        for (int i = 0; i <= HeldForHello.CAPACITY; i++) socket.send("{\"type\":\"chatHistory\"}");

        ServerMessage.Error full = socket.awaitError("rate_limited");
        assertThat(full.message()).contains("before joined");
        busy.letGo.countDown();
        within(Duration.ofSeconds(5)).until(() -> socket.messages(ServerMessage.ChatHistory.class).size()
            == HeldForHello.CAPACITY + 1);
        assertThat(socket.messages(ServerMessage.Joined.class)).hasSize(1);
        assertThat(socket.errors("rate_limited")).hasSize(1);
      }
    }
  }

  @Test
  void aSteadyPlayersReport_isAnsweredByItsConnection_withoutWaitingForTheRoom() throws Exception {
    try (TestServer ts = new TestServer()) {
      RoomId room = ts.createRoom("film.mp4");
      try (RawSocket socket = RawSocket.open(ts.wsUri(room.value()))) {
        socket.hello("Cat");
        socket.send("{\"type\":\"report\",\"driftMs\":3.0,\"rttMs\":40.0}");
        within(Duration.ofSeconds(5)).until(() -> Double.valueOf(40.0).equals(ts.server().rooms().service().find(room)
            .orElseThrow().members().getFirst().rttMs()));
        try (RoomBusy busy = RoomBusy.hold(ts, room)) {
          // No news to the room: had it been asked, the reading thread would wait for its lock, and the pong behind it.
          socket.send("{\"type\":\"report\",\"driftMs\":4.0,\"rttMs\":45.0}");
          socket.send("{\"type\":\"ping\",\"t0\":3000}");
          within(Duration.ofSeconds(3)).until(() -> socket.messages(ServerMessage.Pong.class).stream()
              .anyMatch(p -> p.t0() == 3000L));
          assertThat(busy.letGo.getCount()).as("the room is still held").isEqualTo(1);
        }
      }
    }
  }

  @Test
  void withOneJoinAtOnce_aHelloWaitsForTheOneBeingAnswered_evenToAnotherRoom_andThenJoins() throws Exception {
    try (TestServer ts = new TestServer(Tolerances.DEFAULTS, Limits.DEFAULTS.withJoinsAtOnce(1))) {
      RoomId busyRoom = ts.createRoom("film.mp4");
      RoomId freeRoom = ts.createRoom("film.mp4");
      try (RoomBusy busy = RoomBusy.hold(ts, busyRoom); RawSocket first = RawSocket.open(ts.wsUri(busyRoom.value()));
          RawSocket second = RawSocket.open(ts.wsUri(freeRoom.value()))) {
        first.send("{\"type\":\"hello\",\"protocol\":1,\"name\":\"Ann\"}");
        // The first hello has the node's one turn once its pong (sent after it) came back; it waits for its room.
        first.send("{\"type\":\"ping\",\"t0\":1}");
        within(Duration.ofSeconds(3)).until(() -> first.messages(ServerMessage.Pong.class).size() == 1);
        second.send("{\"type\":\"hello\",\"protocol\":1,\"name\":\"Bob\"}");
        second.send("{\"type\":\"ping\",\"t0\":2}");
        within(Duration.ofSeconds(3)).until(() -> second.messages(ServerMessage.Pong.class).size() == 1);
        Thread.sleep(300);
        assertThat(second.messages(ServerMessage.Joined.class)).as("its room is free, but the turn is taken").isEmpty();

        busy.letGo.countDown();
        within(Duration.ofSeconds(5)).until(() -> first.messages(ServerMessage.Joined.class).size() == 1
            && second.messages(ServerMessage.Joined.class).size() == 1);
        assertThat(second.errors("unavailable")).isEmpty();
      }
    }
  }

  private static List<String> chatLines(RawSocket socket) {
    return socket.messages(ServerMessage.Chat.class).stream().map(c -> c.message().text()).toList();
  }
}
