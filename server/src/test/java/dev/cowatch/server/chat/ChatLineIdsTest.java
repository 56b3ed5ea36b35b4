package dev.cowatch.server.chat;

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
 * Chat lines named by their client (docs/protocol.md 3.8): lines written while the server was away
 * are handed back by their authors, perhaps more than once, and must be kept exactly once.
 */
class ChatLineIdsTest {
  private final TestServer ts = new TestServer();
  private final RoomId room = ts.createRoom("film.mp4");

  @AfterEach
  void stop() {
    ts.close();
  }

  private static List<ServerMessage.ChatView> lines(RawSocket s) {
    return ChatOverSocketTest.lines(s);
  }

  @Test
  void aNamedLine_isBroadcastWithItsName_andARepeatIsAnsweredToTheSenderAloneAndStoredOnce() {
    try (RawSocket ann = RawSocket.open(ts.wsUri(room.value())); RawSocket bob = RawSocket.open(ts.wsUri(room.value()))) {
      ann.hello("Ann");
      bob.hello("Bob");
      String line = "{\"type\":\"chat\",\"text\":\"still there?\",\"lineId\":\"ann-1764000000-1\",\"ref\":\"c1\"}";

      ann.send(line);
      Timings.within(RawSocket.WAIT).until(() -> lines(bob).size() == 1 && lines(ann).size() == 1);
      ServerMessage.ChatView stored = lines(bob).getFirst();
      assertThat(stored.lineId()).isEqualTo("ann-1764000000-1");
      assertThat(stored.text()).isEqualTo("still there?");

      ann.send(line); // handed back again: the answer to the first was lost, say
      Timings.within(RawSocket.WAIT).until(() -> lines(ann).size() == 2);
      assertThat(lines(ann).get(1)).isEqualTo(stored);
      ann.send("{\"type\":\"chat\",\"text\":\"a later line\"}");
      Timings.within(RawSocket.WAIT).until(() -> lines(bob).size() == 2);
      assertThat(lines(bob).get(1).text()).isEqualTo("a later line"); // the repeat never reached Bob

      var history = ts.server().chat().service().page(room, null).messages().stream()
          .filter(m -> !m.isSystem()).map(ChatMessage::text).toList();
      assertThat(history).containsExactly("still there?", "a later line");
    }
  }

  @Test
  void theSameNameFromAnotherUser_isAnotherLine() {
    try (RawSocket ann = RawSocket.open(ts.wsUri(room.value())); RawSocket bob = RawSocket.open(ts.wsUri(room.value()))) {
      ann.hello("Ann");
      bob.hello("Bob");
      ann.send("{\"type\":\"chat\",\"text\":\"one\",\"lineId\":\"x1\"}");
      Timings.within(RawSocket.WAIT).until(() -> lines(bob).size() == 1);
      bob.send("{\"type\":\"chat\",\"text\":\"two\",\"lineId\":\"x1\"}");

      Timings.within(RawSocket.WAIT).until(() -> lines(ann).size() == 2);
      assertThat(lines(ann)).extracting(ServerMessage.ChatView::text).containsExactly("one", "two");
    }
  }

  @Test
  void aBadName_isRefusedWithItsRef_andNothingIsStored() {
    try (RawSocket ann = RawSocket.open(ts.wsUri(room.value()))) {
      ann.hello("Ann");
      ann.send("{\"type\":\"chat\",\"text\":\"hi\",\"lineId\":\"no spaces allowed\",\"ref\":\"c9\"}");

      ServerMessage.Error e = ann.awaitError("invalid_argument");
      assertThat(e.ref()).isEqualTo("c9");
      assertThat(e.message()).contains("lineId");
      assertThat(ts.server().chat().service().page(room, null).messages()).noneMatch(m -> !m.isSystem());
    }
  }
}
