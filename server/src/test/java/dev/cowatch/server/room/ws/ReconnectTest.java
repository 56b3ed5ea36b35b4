package dev.cowatch.server.room.ws;

import static dev.cowatch.server.Timings.within;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.client.ClientListener;
import dev.cowatch.client.CowatchClient;
import dev.cowatch.core.room.Connection;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.server.RawSocket;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.Timings;
import dev.cowatch.server.platform.Limits;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A lost connection keeps the member for the reconnect grace; after it, the member is gone. */
class ReconnectTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final long GRACE_MS = 1_000;

  @Test
  void droppedClient_reconnectsByItself_asTheSameMember() {
    try (TestServer ts = new TestServer()) {
      RoomId roomId = ts.createRoom("film.mp4");
      CowatchClient dropper = ts.joined(roomId, "dropper");
      CowatchClient watcher = ts.joined(roomId, "watcher");
      String id = dropper.memberId();
      List<List<ServerMessage.MemberView>> presences = new CopyOnWriteArrayList<>();
      watcher.addListener(new ClientListener() {
        @Override
        public void onPresence(List<ServerMessage.MemberView> members) {
          presences.add(members);
        }
      });
      AtomicInteger rejoins = new AtomicInteger();
      dropper.addListener(new ClientListener() {
        @Override
        public void onConnection(boolean connected) {
          if (connected) rejoins.incrementAndGet();
        }
      });

      dropper.dropConnection();
      within(WAIT).until(() -> rejoins.get() == 1 && dropper.isConnected());

      assertThat(dropper.memberId()).isEqualTo(id);
      Room room = ts.server().rooms().service().find(roomId).orElseThrow();
      assertThat(room.members()).hasSize(2);
      assertThat(room.member(new MemberId(id)).orElseThrow().connection()).isEqualTo(Connection.CONNECTED);
      within(WAIT).until(() -> "connected".equals(connectionOf(watcher.members(), id)));
      assertThat(presences).as("the watcher saw the drop")
          .anySatisfy(members -> assertThat(connectionOf(members, id)).isEqualTo("disconnected"));
    }
  }

  @Test
  void helloWithTheResumeToken_returnsTheSameMember_markedResumed() {
    try (TestServer ts = new TestServer()) {
      RoomId roomId = ts.createRoom("film.mp4");
      CowatchClient watcher = ts.joined(roomId, "watcher");
      ServerMessage.Joined first;
      try (RawSocket before = RawSocket.open(ts.wsUri(roomId.value()))) {
        first = before.hello("phone");
        assertThat(first.resumed()).isFalse();
        before.abort();
      }
      within(WAIT).until(() -> "disconnected".equals(connectionOf(watcher.members(), first.memberId())));

      try (RawSocket after = RawSocket.open(ts.wsUri(roomId.value()))) {
        ServerMessage.Joined second = after.hello("phone", first.resumeToken());
        assertThat(second.resumed()).isTrue();
        assertThat(second.memberId()).isEqualTo(first.memberId());
        assertThat(second.room().members()).hasSize(2);
        within(WAIT).until(() -> "connected".equals(connectionOf(watcher.members(), first.memberId())));
      }
    }
  }

  @Test
  void memberThatDoesNotComeBackWithinTheGrace_isRemoved() {
    try (TestServer ts = new TestServer(Timings.tolerances(5_000, GRACE_MS, 6_000), Limits.DEFAULTS)) {
      RoomId roomId = ts.createRoom("film.mp4");
      CowatchClient watcher = ts.joined(roomId, "watcher");
      String goneId;
      try (RawSocket gone = RawSocket.open(ts.wsUri(roomId.value()))) {
        goneId = gone.hello("gone").memberId();
        within(WAIT).until(() -> watcher.members().size() == 2);
        gone.abort();
      }
      long lostAt = System.currentTimeMillis();
      within(WAIT).until(() -> "disconnected".equals(connectionOf(watcher.members(), goneId)));

      within(WAIT).until(() -> watcher.members().size() == 1);
      long removedAfterMs = System.currentTimeMillis() - lostAt;
      assertThat(removedAfterMs).isGreaterThanOrEqualTo(GRACE_MS - 100);
      assertThat(watcher.members()).extracting(ServerMessage.MemberView::id).containsExactly(watcher.memberId());
      assertThat(ts.server().rooms().service().find(roomId).orElseThrow().member(new MemberId(goneId))).isEmpty();
    }
  }

  private static String connectionOf(List<ServerMessage.MemberView> members, String memberId) {
    return members.stream().filter(m -> m.id().equals(memberId)).findFirst()
        .map(ServerMessage.MemberView::connection).orElse(null);
  }
}
