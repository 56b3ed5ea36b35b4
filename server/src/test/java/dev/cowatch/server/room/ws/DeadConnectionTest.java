package dev.cowatch.server.room.ws;

import static dev.cowatch.server.Timings.within;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.client.CowatchClient;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.protocol.CloseCodes;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.server.RawSocket;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.Timings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Connections that go quiet are closed by the server, not left hanging. */
class DeadConnectionTest {
  private static final long DEAD_MS = 1_500;
  private static final long HELLO_TIMEOUT_MS = 1_000;

  @Test
  void joinedSocketThatStopsSending_isClosedWithHeartbeatTimeout_andShownDisconnected() {
    try (TestServer ts = new TestServer(Timings.tolerances(5_000, 30_000, DEAD_MS), Timings.helloTimeout(HELLO_TIMEOUT_MS))) {
      RoomId room = ts.createRoom("film.mp4");
      CowatchClient watcher = ts.joined(room, "watcher");
      try (RawSocket silent = RawSocket.open(ts.wsUri(room.value()))) {
        String id = silent.hello("silent").memberId();
        long lastSentAt = System.currentTimeMillis();

        int code = silent.awaitClose(Duration.ofMillis(DEAD_MS + 3_000));
        long closedAfterMs = System.currentTimeMillis() - lastSentAt;

        assertThat(code).isEqualTo(CloseCodes.HEARTBEAT_TIMEOUT);
        assertThat(closedAfterMs).isBetween(DEAD_MS - 100, DEAD_MS + 1_000);
        within(Duration.ofSeconds(3)).until(() -> watcher.members().stream()
            .anyMatch(m -> m.id().equals(id) && m.connection().equals("disconnected")));
        assertThat(watcher.isConnected()).as("a client that pings is not affected").isTrue();
      }
    }
  }

  @Test
  void socketThatNeverSaysHello_isClosedWithProtocolError() {
    try (TestServer ts = new TestServer(Timings.tolerances(5_000, 30_000, DEAD_MS), Timings.helloTimeout(HELLO_TIMEOUT_MS))) {
      RoomId room = ts.createRoom("film.mp4");
      try (RawSocket mute = RawSocket.open(ts.wsUri(room.value()))) {
        long openedAt = System.currentTimeMillis();
        int code = mute.awaitClose(Duration.ofMillis(HELLO_TIMEOUT_MS + 3_000));
        long closedAfterMs = System.currentTimeMillis() - openedAt;

        assertThat(code).isEqualTo(CloseCodes.PROTOCOL_ERROR);
        assertThat(closedAfterMs).isBetween(HELLO_TIMEOUT_MS - 100, HELLO_TIMEOUT_MS + 1_000);
        assertThat(mute.messages(ServerMessage.Joined.class)).isEmpty();
        assertThat(ts.server().rooms().service().find(room).orElseThrow().members()).isEmpty();
      }
    }
  }

  @Test
  void socketThatNeverSaysHello_isClosedInTime_whenEveryConnectionIsWalkedOnlyNowAndThen() {
    // The production bounds: every connection is walked every few ticks, those waiting for a hello on each.
    assertThat(ConnectionRegistry.wholeEvery(30_000, 10_000)).isEqualTo(5);
    try (TestServer ts = new TestServer(Timings.tolerances(5_000, 30_000, 30_000), Timings.helloTimeout(HELLO_TIMEOUT_MS))) {
      RoomId room = ts.createRoom("film.mp4");
      CowatchClient watcher = ts.joined(room, "watcher");
      try (RawSocket mute = RawSocket.open(ts.wsUri(room.value()))) {
        long openedAt = System.currentTimeMillis();
        int code = mute.awaitClose(Duration.ofMillis(HELLO_TIMEOUT_MS + 3_000));

        assertThat(code).isEqualTo(CloseCodes.PROTOCOL_ERROR);
        assertThat(System.currentTimeMillis() - openedAt).isBetween(HELLO_TIMEOUT_MS - 100,
            HELLO_TIMEOUT_MS + ConnectionRegistry.TICK_MS + 500);
        assertThat(watcher.isConnected()).isTrue();
      }
    }
  }

  @Test
  void everyConnectionIsWalkedAtLeastOnEveryTick_whenABoundIsShort() {
    assertThat(ConnectionRegistry.wholeEvery(DEAD_MS, 10_000)).isEqualTo(1);
    assertThat(ConnectionRegistry.wholeEvery(30_000, 1_000)).isEqualTo(1);
    assertThat(ConnectionRegistry.wholeEvery(120_000, 120_000)).isEqualTo(60);
  }
}
