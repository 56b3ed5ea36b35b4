package dev.cowatch.server.room.ws;

import static dev.cowatch.server.Timings.within;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.client.CowatchClient;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.protocol.ServerMessage.MemberView;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.server.RawSocket;
import dev.cowatch.server.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Over real sockets: a room of more than a hundred lists only those who matter to the rest, counts
 * everyone, and tells each unlisted member about itself.
 */
class LargeRoomPresenceTest {
  @Test
  void aBufferingViewerIsListed_andWhenReadyAgainLeavesTheList_whileItsOwnEntryReachesItAlone() {
    try (TestServer ts = new TestServer()) {
      RoomId room = ts.createRoom(RoomSettings.defaults("Premiere", 5_000).withMaxMembers(200), "film.mp4");
      List<RawSocket> crowd = new ArrayList<>();
      try {
        for (int i = 0; i < 101; i++) {
          RawSocket s = RawSocket.open(ts.wsUri(room.value()));
          crowd.add(s);
          s.hello("Viewer " + i);
        }
        CowatchClient watcher = ts.joined(room, "Watcher");
        assertThat(watcher.memberCount()).isEqualTo(102);
        assertThat(watcher.members()).as("nobody else matters yet; the watcher has itself")
            .extracting(MemberView::name).containsExactly("Watcher");

        // While the room was under a hundred, everyone was listed to everyone, Viewer 40 too: what another unlisted
        // viewer hears counts from a pong answered after the watcher's join (its messages come in order).
        RawSocket other = crowd.get(41);
        other.send("{\"type\":\"ping\",\"t0\":41}");
        within(Duration.ofSeconds(6)).until(() -> !other.messages(ServerMessage.Pong.class).isEmpty());
        int heardBefore = other.messages(ServerMessage.PresenceChanges.class).size();

        RawSocket slow = crowd.get(40);
        slow.send("{\"type\":\"buffering\",\"version\":0}");
        within(Duration.ofSeconds(6)).until(() -> names(watcher).contains("Viewer 40"));
        assertThat(watcher.members()).filteredOn(m -> m.name().equals("Viewer 40"))
            .extracting(MemberView::readiness).containsExactly("buffering");

        slow.send("{\"type\":\"ready\",\"version\":0}");
        within(Duration.ofSeconds(6)).until(() -> !names(watcher).contains("Viewer 40"));
        within(Duration.ofSeconds(2)).until(() -> slow.messages(ServerMessage.PresenceChanges.class).stream()
            .anyMatch(c -> c.members().size() == 1 && c.members().getFirst().name().equals("Viewer 40")
                && c.members().getFirst().readiness().equals("ready")));
        List<ServerMessage.PresenceChanges> heard = other.messages(ServerMessage.PresenceChanges.class);
        assertThat(heard.subList(heardBefore, heard.size()))
            .as("another unlisted viewer hears nothing of Viewer 40 but its leaving the list")
            .allSatisfy(c -> assertThat(c.members()).extracting(MemberView::name).doesNotContain("Viewer 40"));
        assertThat(watcher.members()).extracting(MemberView::name).containsExactly("Watcher");
        assertThat(watcher.memberCount()).isEqualTo(102);
      } finally {
        crowd.forEach(RawSocket::close);
      }
    }
  }

  private static List<String> names(CowatchClient c) {
    return c.members().stream().map(MemberView::name).toList();
  }
}
