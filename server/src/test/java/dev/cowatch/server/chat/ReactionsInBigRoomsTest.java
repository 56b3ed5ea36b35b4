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

/** Emoji over the video: one by one, with who sent them, in a small room; counted once a second in a big one. */
class ReactionsInBigRoomsTest {
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

  @Test
  void aBigRoom_getsTheSecondsCounts_notAMessagePerReaction() {
    Api.Who ann = api.account("Ann");
    String room = api.call("POST", "/api/rooms", "{\"name\":\"Premiere\",\"mediaId\":\"https://example.org/film.mp4\","
        + "\"maxMembers\":100}", ann.token()).json().get("id").asText();
    List<RawSocket> crowd = new ArrayList<>();
    try {
      for (int i = 0; i <= ChatSystemLines.QUIET_ROOM_MEMBERS; i++) {
        RawSocket s = RawSocket.open(ts.wsUri(room));
        crowd.add(s);
        s.hello("Viewer " + i);
      }
      RawSocket first = crowd.getFirst();
      RawSocket last = crowd.getLast();
      for (int i = 0; i < 30; i++) crowd.get(i % crowd.size()).send("{\"type\":\"react\",\"emoji\":\"" + FIRE + "\"}");
      last.send("{\"type\":\"react\",\"emoji\":\"" + CLAP + "\"}");
      Timings.within(RawSocket.WAIT).until(() -> counted(first, FIRE) == 30 && counted(first, CLAP) == 1);
      assertThat(first.messages(ServerMessage.Reactions.class)).as("a message a second, not one per reaction")
          .hasSizeLessThanOrEqualTo(3).allSatisfy(r -> assertThat(r.windowMs()).isEqualTo(ChatService.REACTIONS_WINDOW_MS));
      assertThat(first.messages(ServerMessage.Reaction.class)).isEmpty();
    } finally {
      crowd.forEach(RawSocket::close);
    }
  }

  @Test
  void aSmallRoom_seesEachReactionAndWhoSentIt() {
    Api.Who ann = api.account("Ann");
    String room = api.call("POST", "/api/rooms", "{\"name\":\"Couch\",\"mediaId\":\"https://example.org/film.mp4\"}",
        ann.token()).json().get("id").asText();
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
