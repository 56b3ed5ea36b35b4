package dev.cowatch.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.server.RawSocket;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.Timings;
import dev.cowatch.server.http.Api;
import dev.cowatch.server.http.Api.Who;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Slow mode: set by the room's staff, one line per interval for everyone else, told to the room and to joiners. */
class ChatSlowModeTest {
  private final TestServer ts = new TestServer();
  private final Api api = new Api(ts);

  @AfterEach
  void stop() {
    api.close();
    ts.close();
  }

  private String room(Who owner) {
    return api.createRoom(owner, "{\"name\":\"Premiere\",\"mediaId\":\"https://example.org/film.mp4\"}");
  }

  private int slowMode(String room, String body, Who who) {
    return api.call("PUT", "/api/rooms/" + room + "/chat/slow-mode", body, who.token()).status();
  }

  private static List<String> written(RawSocket s) {
    return ChatReads.writtenTexts(s);
  }

  private static List<Integer> settings(RawSocket s) {
    return s.messages(ServerMessage.ChatSettings.class).stream().map(ServerMessage.ChatSettings::slowModeSeconds).toList();
  }

  @Test
  void onlyStaffSetIt_withinItsBounds_andTheRoomIsTold() {
    Who ann = api.account("Ann");
    Who bob = api.account("Bob");
    String room = room(ann);
    try (RawSocket a = RawSocket.open(ts.wsUri(room)); RawSocket b = RawSocket.open(ts.wsUri(room))) {
      a.helloWithToken("Ann", ann.token());
      b.helloWithToken("Bob", bob.token());
      assertThat(slowMode(room, "{\"seconds\":30}", bob)).as("a member may not set it").isEqualTo(403);
      assertThat(slowMode(room, "{\"seconds\":-1}", ann)).isEqualTo(422);
      assertThat(slowMode(room, "{\"seconds\":" + (ChatService.MAX_SLOW_MODE_SECONDS + 1) + "}", ann)).isEqualTo(422);
      assertThat(slowMode(room, "{}", ann)).as("seconds are required").isEqualTo(422);
      assertThat(settings(b)).as("nothing set by the refused ones").isEmpty();
      assertThat(api.call("PUT", "/api/rooms/nosuchroom/chat/slow-mode", "{\"seconds\":5}", ann.token()).status())
          .isEqualTo(404);

      assertThat(slowMode(room, "{\"seconds\":30}", ann)).isEqualTo(204);
      Timings.within(RawSocket.WAIT).until(() -> settings(b).equals(List.of(30)));
      try (RawSocket c = RawSocket.open(ts.wsUri(room))) {
        c.helloWithToken("Cid", api.account("Cid").token());
        Timings.within(RawSocket.WAIT).until(() -> settings(c).equals(List.of(30)));
      }
      assertThat(slowMode(room, "{\"seconds\":0}", ann)).isEqualTo(204);
      Timings.within(RawSocket.WAIT).until(() -> settings(b).equals(List.of(30, 0)));
      try (RawSocket d = RawSocket.open(ts.wsUri(room))) {
        d.helloWithToken("Dan", api.account("Dan").token());
        d.send("{\"type\":\"chat\",\"text\":\"hi\"}");
        Timings.within(RawSocket.WAIT).until(() -> written(d).contains("hi"));
        assertThat(settings(d)).as("a joiner of a room without slow mode is told nothing").isEmpty();
      }
    }
  }

  @Test
  void aLineSoonerThanTheInterval_isRefusedSayingWhen_butStaffWriteFreely() throws Exception {
    Who ann = api.account("Ann");
    Who bob = api.account("Bob");
    String room = room(ann);
    assertThat(slowMode(room, "{\"seconds\":2}", ann)).isEqualTo(204);
    try (RawSocket a = RawSocket.open(ts.wsUri(room)); RawSocket b = RawSocket.open(ts.wsUri(room))) {
      a.helloWithToken("Ann", ann.token());
      b.helloWithToken("Bob", bob.token());
      b.send("{\"type\":\"chat\",\"text\":\"first\",\"ref\":\"b1\"}");
      Timings.within(RawSocket.WAIT).until(() -> written(a).contains("first"));
      long firstAt = System.currentTimeMillis();
      b.send("{\"type\":\"chat\",\"text\":\"second\",\"ref\":\"b2\"}");
      ServerMessage.Error refused = b.awaitError("rate_limited");
      assertThat(refused.ref()).isEqualTo("b2");
      assertThat(refused.message()).contains("slow mode").contains("every 2 s");

      a.send("{\"type\":\"chat\",\"text\":\"staff one\"}");
      a.send("{\"type\":\"chat\",\"text\":\"staff two\"}");
      Timings.within(RawSocket.WAIT).until(() -> written(b).containsAll(List.of("staff one", "staff two")));

      Thread.sleep(Math.max(0, firstAt + 2_100 - System.currentTimeMillis()));
      b.send("{\"type\":\"chat\",\"text\":\"third\",\"ref\":\"b3\"}");
      Timings.within(RawSocket.WAIT).until(() -> written(a).contains("third"));
      assertThat(written(a)).doesNotContain("second");
      assertThat(b.errors("rate_limited")).hasSize(1);
    }
  }
}
