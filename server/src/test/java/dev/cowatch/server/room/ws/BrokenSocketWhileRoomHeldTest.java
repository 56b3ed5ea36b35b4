package dev.cowatch.server.room.ws;

import static dev.cowatch.server.Timings.within;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.client.CowatchClient;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.RawSocket;
import dev.cowatch.server.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A socket is found broken by whichever thread touches it: Jetty's, the heartbeat sweep's, or the one writing a
 * room's frames to it (on several nodes, one thread hands every room's frames from Redis to this node's connections).
 * That thread must not wait for the room to let the member go: a write that broke while its room was busy stopped the
 * frames of every room on the node in the fault run.
 */
class BrokenSocketWhileRoomHeldTest {

  @Test
  void theThreadThatFindsASocketBroken_goesOnAtOnce_andTheMemberIsShownDisconnectedWhenTheRoomIsFree()
      throws Exception {
    try (TestServer ts = new TestServer()) {
      RoomId room = ts.createRoom("film.mp4");
      CowatchClient watcher = ts.joined(room, "watcher");
      try (RawSocket socket = RawSocket.open(ts.wsUri(room.value()))) {
        MemberId member = new MemberId(socket.hello("Ann").memberId());
        ClientConnection connection = ts.server().rooms().socket().connectionOf(room, member);
        assertThat(connection).isNotNull();

        Thread finder;
        try (RoomBusy busy = RoomBusy.hold(ts, room)) {
          finder = Thread.ofPlatform().start(connection::transportClosed);
          finder.join(2_000);
          assertThat(finder.isAlive()).as("the thread that found the socket broken waits for the room").isFalse();
          assertThat(busy.letGo.getCount()).as("the room is still held").isEqualTo(1);
          assertThat(watcher.members()).filteredOn(m -> m.id().equals(member.value()))
              .extracting(m -> m.connection()).containsExactly("connected");
        }
        within(Duration.ofSeconds(5)).until(() -> watcher.members().stream()
            .anyMatch(m -> m.id().equals(member.value()) && m.connection().equals("disconnected")));
      }
    }
  }
}
