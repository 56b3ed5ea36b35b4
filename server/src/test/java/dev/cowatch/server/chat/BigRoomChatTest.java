package dev.cowatch.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.server.RawSocket;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.Timings;
import dev.cowatch.server.http.Api;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Chat in a room of more than 50: emoji over the video counted once a second (one by one, with who sent them, in a
 * small room), and lines beyond what viewers can read stored and counted rather than sent to everyone.
 */
class BigRoomChatTest {
  private static final String FIRE = "\uD83D\uDD25";
  private static final String CLAP = "\uD83D\uDC4F";
  private final TestServer ts = new TestServer();
  private final Api api = new Api(ts);

  @AfterEach
  void stop() {
    api.close();
    ts.close();
  }

  private static int counted(RawSocket s, String emoji) {
    return s.messages(ServerMessage.Reactions.class).stream().mapToInt(r -> r.counts().getOrDefault(emoji, 0)).sum();
  }

  /** A room of one more than QUIET_ROOM_MEMBERS guests, each joined; closed by the caller. */
  private List<RawSocket> crowd(String room) {
    List<RawSocket> crowd = new ArrayList<>();
    for (int i = 0; i <= ChatSystemLines.QUIET_ROOM_MEMBERS; i++) {
      RawSocket s = RawSocket.open(ts.wsUri(room));
      crowd.add(s);
      s.hello("Viewer " + i);
    }
    return crowd;
  }

  private String bigRoom(Api.Who owner) {
    return api.createRoom(owner, "{\"name\":\"Premiere\",\"mediaId\":\"https://example.org/film.mp4\",\"maxMembers\":100}");
  }

  private static List<String> lines(RawSocket s) {
    return ChatReads.writtenTexts(s);
  }

  private static int skipped(RawSocket s) {
    return s.messages(ServerMessage.ChatSkipped.class).stream().mapToInt(ServerMessage.ChatSkipped::count).sum();
  }

  @Test
  void aBigRoomsLines_pastWhatViewersRead_areStoredAndCounted_andEachWriterSeesTheirOwn() {
    String room = bigRoom(api.account("Ann"));
    List<RawSocket> crowd = crowd(room);
    try {
      // All but the watcher write at once (a writer sees its own line whether or not the room does).
      RawSocket watcher = crowd.getLast();
      List<RawSocket> writers = crowd.subList(0, crowd.size() - 1);
      for (int i = 0; i < writers.size(); i++) writers.get(i).send("{\"type\":\"chat\",\"text\":\"line " + i + "\"}");
      int all = writers.size();
      // Every line is either shown to everyone or counted as skipped: nothing is lost, nothing counted twice.
      try {
        Timings.within(RawSocket.WAIT).until(() -> lines(watcher).size() + skipped(watcher) == all);
      } catch (RuntimeException e) {
        throw new AssertionError("shown " + lines(watcher).size() + ", skipped " + watcher.messages(ServerMessage.ChatSkipped.class)
            + ", errors " + crowd.stream().flatMap(c -> c.messages(ServerMessage.Error.class).stream()).toList(), e);
      }
      assertThat(lines(watcher).size()).as("shown live").isBetween((int) LiveChatGate.BURST, all - 1);
      for (int i = 0; i < writers.size(); i++) {
        RawSocket writer = writers.get(i);
        String mine = "line " + i;
        Timings.within(RawSocket.WAIT).until(() -> lines(writer).contains(mine));
      }
      ChatService chat = ts.server().chat().service();
      var roomId = new dev.cowatch.core.room.RoomId(room);
      long written = 0;
      for (ChatService.Page page = chat.page(roomId, null); ; page = chat.page(roomId, page.messages().getFirst().id())) {
        written += page.messages().stream().filter(m -> !m.isSystem()).count();
        if (!page.more()) break;
      }
      assertThat(written).as("all in the history").isEqualTo(all);
    } finally {
      crowd.forEach(RawSocket::close);
    }
  }

  @Test
  void aBigRoom_getsTheSecondsCounts_notAMessagePerReaction() {
    List<RawSocket> crowd = crowd(bigRoom(api.account("Ann")));
    try {
      RawSocket first = crowd.getFirst();
      RawSocket last = crowd.getLast();
      for (int i = 0; i < 30; i++) crowd.get(i % crowd.size()).send("{\"type\":\"react\",\"emoji\":\"" + FIRE + "\"}");
      last.send("{\"type\":\"react\",\"emoji\":\"" + CLAP + "\"}");
      Timings.within(RawSocket.WAIT).until(() -> counted(first, FIRE) == 30 && counted(first, CLAP) == 1);
      assertThat(first.messages(ServerMessage.Reactions.class)).as("a message a second, not one per reaction")
          .hasSizeLessThanOrEqualTo(3).allSatisfy(r -> assertThat(r.windowMs()).isEqualTo(ChatService.CROWD_WINDOW_MS));
      assertThat(first.messages(ServerMessage.Reaction.class)).isEmpty();
    } finally {
      crowd.forEach(RawSocket::close);
    }
  }

  @Test
  void aSmallRoom_seesEachReactionAndWhoSentIt() {
    Api.Who ann = api.account("Ann");
    String room = api.createRoom(ann, "{\"name\":\"Couch\",\"mediaId\":\"https://example.org/film.mp4\"}");
    try (RawSocket a = RawSocket.open(ts.wsUri(room)); RawSocket b = RawSocket.open(ts.wsUri(room))) {
      a.helloWithToken("Ann", ann.token());
      b.hello("Bob");
      b.send("{\"type\":\"react\",\"emoji\":\"" + FIRE + "\"}");
      Timings.within(RawSocket.WAIT).until(() -> !a.messages(ServerMessage.Reaction.class).isEmpty());
      assertThat(a.messages(ServerMessage.Reaction.class).getFirst().name()).isEqualTo("Bob");
      assertThat(a.messages(ServerMessage.Reactions.class)).isEmpty();
    }
  }
}
