package dev.cowatch.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.server.RawSocket;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.Timings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A joiner gets the chat history first, then only the lines after it, each exactly once, while another
 * member chats without pause (issue 19, finding 8: lines came live before the history, and twice).
 */
class ChatJoinRaceTest {
  private static final int JOINS = 30;
  private final TestServer ts = new TestServer();
  private final RoomId room = ts.createRoom("film.mp4");

  @AfterEach
  void stop() {
    ts.close();
  }

  @Test
  void joiningWhileAnotherMemberChats_givesHistoryFirst_thenEveryLaterLineOnce() throws Exception {
    ChatService chat = ts.server().chat().service();
    MemberId talker = ts.server().rooms().service().join(room, TestServer.OWNER, "Talker", null, b -> { }).memberId();
    AtomicBoolean talking = new AtomicBoolean(true);
    // One writer, one line at a time: its lines' numbers are consecutive, so a gap or a repeat shows.
    Thread writer = Thread.ofPlatform().start(() -> {
      for (int n = 0; talking.get(); n++) {
        chat.post(room, talker, "line " + n); // a refusal would throw and end the writer early
        Thread.onSpinWait();
      }
    });
    List<String> faults = new ArrayList<>();
    try {
      for (int j = 0; j < JOINS; j++) {
        try (RawSocket s = RawSocket.open(ts.wsUri(room.value()))) {
          s.hello("Joiner" + j);
          Timings.within(RawSocket.WAIT).until(() -> liveLinesAfterHistory(s.messages()) >= 5);
          faults.addAll(faultsIn("join " + j, s.messages()));
        }
      }
    } finally {
      talking.set(false);
      writer.join();
    }
    assertThat(faults).isEmpty();
  }

  private static boolean isUserLine(ServerMessage m) {
    return m instanceof ServerMessage.Chat c && c.message().kind().equals("user");
  }

  private static int liveLinesAfterHistory(List<ServerMessage> messages) {
    int at = indexOfHistory(messages);
    return at < 0 ? 0 : (int) messages.subList(at, messages.size()).stream().filter(ChatJoinRaceTest::isUserLine).count();
  }

  private static int indexOfHistory(List<ServerMessage> messages) {
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i) instanceof ServerMessage.ChatHistory) return i;
    }
    return -1;
  }

  /** What went wrong for one joiner: a chat line before the history, an id twice, a line missing. */
  private static List<String> faultsIn(String who, List<ServerMessage> messages) {
    List<String> faults = new ArrayList<>();
    int at = indexOfHistory(messages);
    for (int i = 0; i < at; i++) {
      if (messages.get(i) instanceof ServerMessage.Chat c) faults.add(who + ": line " + c.message().id() + " before the history");
    }
    List<ServerMessage.ChatView> seen = new ArrayList<>(((ServerMessage.ChatHistory) messages.get(at)).messages());
    for (ServerMessage m : messages.subList(at + 1, messages.size())) {
      if (m instanceof ServerMessage.Chat c) seen.add(c.message());
    }
    Set<Long> ids = new HashSet<>();
    for (ServerMessage.ChatView v : seen) {
      if (!ids.add(v.id())) faults.add(who + ": line " + v.id() + " twice");
    }
    List<Integer> numbers = seen.stream().filter(v -> v.kind().equals("user"))
        .map(v -> Integer.parseInt(v.text().substring("line ".length()))).toList();
    for (int i = 1; i < numbers.size(); i++) {
      if (numbers.get(i) != numbers.get(i - 1) + 1) faults.add(who + ": line " + numbers.get(i - 1) + " then " + numbers.get(i));
    }
    return faults;
  }
}
