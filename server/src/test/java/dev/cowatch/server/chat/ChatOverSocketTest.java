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

/** Chat through the room's WebSocket, as two browsers would use it. */
class ChatOverSocketTest {
  private final TestServer ts = new TestServer();
  private final RoomId room = ts.createRoom("film.mp4");

  @AfterEach
  void stop() {
    ts.close();
  }

  /** The lines people wrote (system lines about joins and playback left out). */
  static List<ServerMessage.ChatView> lines(RawSocket s) {
    return s.messages(ServerMessage.Chat.class).stream().map(ServerMessage.Chat::message)
        .filter(m -> m.kind().equals("user")).toList();
  }

  private static List<ServerMessage.ChatView> written(List<ServerMessage.ChatView> page) {
    return page.stream().filter(m -> m.kind().equals("user")).toList();
  }

  @Test
  void a_line_reaches_everyone_as_plain_text_and_a_newcomer_gets_it_as_history() {
    try (RawSocket ann = RawSocket.open(ts.wsUri(room.value())); RawSocket bob = RawSocket.open(ts.wsUri(room.value()))) {
      ann.hello("Ann");
      bob.hello("Bob");
      ann.send("{\"type\":\"chat\",\"text\":\"  <img src=x onerror=alert(1)> @Bob  \"}");

      Timings.within(RawSocket.WAIT).until(() -> lines(bob).size() == 1);
      ServerMessage.ChatView line = lines(bob).getFirst();
      assertThat(line.text()).isEqualTo("<img src=x onerror=alert(1)> @Bob");
      assertThat(line.name()).isEqualTo("Ann");
      Timings.within(RawSocket.WAIT).until(() -> lines(ann).size() == 1);
      assertThat(lines(ann)).containsExactly(line);

      try (RawSocket cat = RawSocket.open(ts.wsUri(room.value()))) {
        cat.hello("Cat");
        Timings.within(RawSocket.WAIT).until(() -> !cat.messages(ServerMessage.ChatHistory.class).isEmpty());
        ServerMessage.ChatHistory history = cat.messages(ServerMessage.ChatHistory.class).getFirst();
        assertThat(written(history.messages())).containsExactly(line);
        assertThat(history.more()).isFalse();
      }
    }
  }

  @Test
  void older_pages_come_on_request() {
    var service = ts.server().chat().service();
    var joinedMember = joinQuietly();
    for (int i = 0; i < ChatService.PAGE + 5; i++) {
      service.post(room, joinedMember, "line " + i);
    }
    try (RawSocket late = RawSocket.open(ts.wsUri(room.value()))) {
      late.hello("Late");
      Timings.within(RawSocket.WAIT).until(() -> !late.messages(ServerMessage.ChatHistory.class).isEmpty());
      ServerMessage.ChatHistory newest = late.messages(ServerMessage.ChatHistory.class).getFirst();
      assertThat(newest.messages()).hasSize(ChatService.PAGE);
      assertThat(newest.more()).isTrue();
      assertThat(written(newest.messages()).getLast().text()).isEqualTo("line " + (ChatService.PAGE + 4));

      // Older pages, back to the first: every line once, in order (system lines about joins in between).
      List<ServerMessage.ChatView> all = new java.util.ArrayList<>(newest.messages());
      ServerMessage.ChatHistory page = newest;
      while (page.more()) {
        int seen = late.messages(ServerMessage.ChatHistory.class).size();
        late.send("{\"type\":\"chatHistory\",\"before\":" + page.messages().getFirst().id() + "}");
        Timings.within(RawSocket.WAIT).until(() -> late.messages(ServerMessage.ChatHistory.class).size() == seen + 1);
        page = late.messages(ServerMessage.ChatHistory.class).get(seen);
        all.addAll(0, page.messages());
      }
      assertThat(written(all)).extracting(ServerMessage.ChatView::text)
          .containsExactlyElementsOf(java.util.stream.IntStream.range(0, ChatService.PAGE + 5).mapToObj(i -> "line " + i)
              .toList());
    }
  }

  @Test
  void bad_lines_are_refused_with_a_reason_and_a_flood_is_rate_limited() {
    try (RawSocket ann = RawSocket.open(ts.wsUri(room.value()))) {
      ann.hello("Ann");
      ann.send("{\"type\":\"chat\",\"text\":\"   \",\"ref\":\"empty\"}");
      assertThat(ann.awaitError("invalid_argument").ref()).isEqualTo("empty");
      ann.send("{\"type\":\"chat\",\"text\":\"" + "x".repeat(1_001) + "\",\"ref\":\"long\"}");
      Timings.within(RawSocket.WAIT).until(() -> ann.errors("invalid_argument").size() == 2);
      for (int i = 0; i < 10; i++) ann.send("{\"type\":\"chat\",\"text\":\"spam " + i + "\"}");
      assertThat(ann.awaitError("rate_limited").message()).contains("chat messages per second");
      Timings.within(RawSocket.WAIT).until(() -> lines(ann).size() >= 3);
      // The connection's chat bucket holds a burst of 5 (MessageLimits.CHAT_BURST).
      assertThat(lines(ann).size()).as("only the burst got through").isLessThanOrEqualTo(5);
    }
  }

  @Test
  void people_delete_their_own_lines_but_not_others() {
    try (RawSocket ann = RawSocket.open(ts.wsUri(room.value())); RawSocket bob = RawSocket.open(ts.wsUri(room.value()))) {
      ann.hello("Ann");
      bob.hello("Bob");
      ann.send("{\"type\":\"chat\",\"text\":\"mine\"}");
      Timings.within(RawSocket.WAIT).until(() -> lines(bob).size() == 1);
      long id = lines(bob).getFirst().id();

      bob.send("{\"type\":\"chatDelete\",\"id\":" + id + ",\"ref\":\"d1\"}");
      assertThat(bob.awaitError("not_allowed").ref()).isEqualTo("d1");

      ann.send("{\"type\":\"chatDelete\",\"id\":" + id + "}");
      Timings.within(RawSocket.WAIT).until(() -> !bob.messages(ServerMessage.ChatDeleted.class).isEmpty());
      assertThat(bob.messages(ServerMessage.ChatDeleted.class).getFirst().id()).isEqualTo(id);
      assertThat(written(ts.server().chat().service().page(room, null).messages().stream().map(ChatService::view).toList()))
          .isEmpty();
    }
  }

  private dev.cowatch.core.room.MemberId joinQuietly() {
    var outcome = ts.server().rooms().service().join(room, TestServer.OWNER, "Owner", null, b -> { });
    return outcome.memberId();
  }
}
