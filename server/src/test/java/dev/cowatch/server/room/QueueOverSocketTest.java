package dev.cowatch.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.QueueItem;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.server.RawSocket;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.Timings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The room's queue over the WebSocket: edits reach everyone, the end moves on, a restart keeps it. */
class QueueOverSocketTest {

  private static List<ServerMessage.Queue> queues(RawSocket s) {
    return s.messages(ServerMessage.Queue.class);
  }

  private static ServerMessage.TimelineView lastTimeline(RawSocket s) {
    return s.messages(ServerMessage.TimelineUpdate.class).getLast().timeline();
  }

  @Test
  void queued_videos_play_next_on_request_and_by_themselves_and_survive_a_restart() throws Exception {
    Path dir = TestServer.tempDir();
    RoomId room;
    try (TestServer ts = new TestServer(dir, dev.cowatch.core.Tolerances.DEFAULTS, dev.cowatch.server.platform.Limits.DEFAULTS)) {
      dev.cowatch.server.http.Api api = new dev.cowatch.server.http.Api(ts);
      var annWho = api.account("Ann");
      var bobWho = api.account("Bob");
      room = new RoomId(api.call("POST", "/api/rooms", "{\"name\":\"Marathon\",\"mediaId\":\"https://example.org/one.mp4\"}",
          annWho.token()).json().get("id").asText());
      try (RawSocket ann = RawSocket.open(ts.wsUri(room.value())); RawSocket bob = RawSocket.open(ts.wsUri(room.value()))) {
        ServerMessage.Joined joined = ann.helloWithToken("Ann", annWho.token());
        assertThat(joined.room().queue()).isEmpty();
        bob.helloWithToken("Bob", bobWho.token());
        for (String n : List.of("two", "three", "four")) {
          ann.send("{\"type\":\"queueAdd\",\"mediaId\":\"https://example.org/" + n + ".mp4\",\"title\":\"" + n + "\"}");
        }
        Timings.within(RawSocket.WAIT).until(() -> queues(bob).size() == 3);
        List<ServerMessage.QueueItemView> items = queues(bob).getLast().items();
        assertThat(items).extracting(ServerMessage.QueueItemView::title).containsExactly("two", "three", "four");

        bob.send("{\"type\":\"queueMove\",\"itemId\":\"" + items.get(2).id() + "\",\"index\":0}");
        Timings.within(RawSocket.WAIT).until(() -> queues(ann).size() == 4);
        assertThat(queues(ann).getLast().items()).extracting(ServerMessage.QueueItemView::title)
            .containsExactly("four", "two", "three");

        long version = joined.room().timeline().version();
        ann.send("{\"type\":\"playNext\",\"version\":" + version + "}");
        Timings.within(RawSocket.WAIT).until(() -> !bob.messages(ServerMessage.TimelineUpdate.class).isEmpty()
            && "https://example.org/four.mp4".equals(lastTimeline(bob).mediaId()));
        assertThat(bob.messages(ServerMessage.TimelineUpdate.class).getLast().cause().intent()).isEqualTo("next");
        assertThat(lastTimeline(bob).state()).isEqualTo("playing");

        // Both players reach the end: the first report moves the room on, the second is stale.
        ServerMessage.TimelineView playing = lastTimeline(ann);
        String ended = "{\"type\":\"ended\",\"version\":" + playing.version() + ",\"mediaId\":\"" + playing.mediaId() + "\"}";
        ann.send(ended);
        bob.send(ended);
        Timings.within(RawSocket.WAIT).until(() -> "https://example.org/two.mp4".equals(lastTimeline(bob).mediaId()));
        Thread.sleep(300); // a second move, if there were one, would have arrived by now
        assertThat(lastTimeline(ann).mediaId()).as("moved on once").isEqualTo("https://example.org/two.mp4");
        assertThat(queues(ann).getLast().items()).extracting(ServerMessage.QueueItemView::title).containsExactly("three");
        assertThat(queues(ann).getLast().memberId()).as("the room moved on by itself").isNull();
      }
    }
    try (TestServer again = new TestServer(dir, dev.cowatch.core.Tolerances.DEFAULTS, dev.cowatch.server.platform.Limits.DEFAULTS)) {
      assertThat(again.server().rooms().service().find(room).orElseThrow().queue()).extracting(QueueItem::title)
          .containsExactly("three");
    }
  }
}
