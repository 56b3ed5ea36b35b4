package dev.cowatch.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.server.RawSocket;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.Timings;
import dev.cowatch.server.http.Api.Who;
import dev.cowatch.server.http.Api;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** System lines, reactions and mutes through the room's WebSocket and the REST API. */
class ChatExtrasTest {
  private static final String THUMBS_UP = "\uD83D\uDC4D";
  private final TestServer ts = new TestServer();
  private final Api api = new Api(ts);

  @AfterEach
  void stop() {
    api.close();
    ts.close();
  }

  private static List<ServerMessage.ChatView> system(RawSocket s) {
    return s.messages(ServerMessage.Chat.class).stream().map(ServerMessage.Chat::message)
        .filter(m -> m.kind().equals("system")).toList();
  }

  private static List<ServerMessage.ChatView> written(RawSocket s) {
    return ChatReads.written(s);
  }

  private String room(Who owner) {
    return api.call("POST", "/api/rooms", "{\"name\":\"Film club\",\"mediaId\":\"https://example.org/film.mp4\"}",
        owner.token()).json().get("id").asText();
  }

  @Test
  void joins_departures_and_pauses_become_system_lines_worded_by_clients() {
    Who ann = api.account("Ann");
    Who bob = api.account("Bob");
    String room = room(ann);
    try (RawSocket a = RawSocket.open(ts.wsUri(room))) {
      ServerMessage.Joined joined = a.helloWithToken("Ann", ann.token());
      try (RawSocket b = RawSocket.open(ts.wsUri(room))) {
        b.helloWithToken("Bob", bob.token());
        Timings.within(RawSocket.WAIT).until(() -> system(a).stream().anyMatch(l -> l.event().type().equals("joined")
            && l.event().name().equals("Bob")));
        a.send("{\"type\":\"seek\",\"version\":" + joined.room().timeline().version() + ",\"positionMs\":751000}");
        Timings.within(RawSocket.WAIT).until(() -> system(b).stream().anyMatch(l -> l.event().type().equals("seek")));
        ServerMessage.ChatView seek = system(b).stream().filter(l -> l.event().type().equals("seek")).findFirst()
            .orElseThrow();
        assertThat(seek.event().name()).isEqualTo("Ann");
        assertThat(seek.event().positionMs()).isEqualTo(751_000);
        assertThat(seek.text()).as("English for clients that do not word it").isEqualTo("Ann jumped to 12:31");
        assertThat(seek.userId()).isEqualTo(ann.userId());
        b.send("{\"type\":\"bye\"}"); // leaving for good; a lost connection would wait out its grace
      }
      Timings.within(RawSocket.WAIT).until(() -> system(a).stream().anyMatch(l -> l.event().type().equals("left")));
    }
  }

  @Test
  void reactions_on_lines_are_stored_and_shared_and_over_the_video_they_only_pass_by() {
    Who ann = api.account("Ann");
    Who bob = api.account("Bob");
    String room = room(ann);
    try (RawSocket a = RawSocket.open(ts.wsUri(room)); RawSocket b = RawSocket.open(ts.wsUri(room))) {
      a.helloWithToken("Ann", ann.token());
      b.helloWithToken("Bob", bob.token());
      a.send("{\"type\":\"chat\",\"text\":\"what a scene\"}");
      Timings.within(RawSocket.WAIT).until(() -> written(b).size() == 1);
      long id = written(b).getFirst().id();

      b.send("{\"type\":\"react\",\"emoji\":\"" + THUMBS_UP + "\",\"messageId\":" + id + "}");
      Timings.within(RawSocket.WAIT).until(() -> !a.messages(ServerMessage.ChatReactions.class).isEmpty());
      ServerMessage.ChatReactions r = a.messages(ServerMessage.ChatReactions.class).getFirst();
      assertThat(r.id()).isEqualTo(id);
      assertThat(r.reactions()).containsEntry(THUMBS_UP, List.of(bob.userId()));
      var stored = ts.server().chat().service().page(new dev.cowatch.core.room.RoomId(room), null).messages().stream()
          .filter(m -> m.id() == id).findFirst().orElseThrow();
      assertThat(stored.reactions()).containsEntry(THUMBS_UP, List.of(bob.userId()));

      b.send("{\"type\":\"react\",\"emoji\":\"" + THUMBS_UP + "\",\"messageId\":" + id + ",\"on\":false}");
      Timings.within(RawSocket.WAIT).until(() -> a.messages(ServerMessage.ChatReactions.class).size() == 2);
      assertThat(a.messages(ServerMessage.ChatReactions.class).get(1).reactions()).isEmpty();

      b.send("{\"type\":\"react\",\"emoji\":\"\uD83D\uDD25\"}");
      Timings.within(RawSocket.WAIT).until(() -> !a.messages(ServerMessage.Reaction.class).isEmpty());
      assertThat(a.messages(ServerMessage.Reaction.class).getFirst().name()).isEqualTo("Bob");

      b.send("{\"type\":\"react\",\"emoji\":\"<b>\",\"ref\":\"bad\"}");
      assertThat(b.awaitError("invalid_argument").ref()).isEqualTo("bad");
    }
  }

  @Test
  void a_moderator_mutes_someone_below_them_who_then_cannot_write_until_unmuted() {
    Who ann = api.account("Ann");
    Who bob = api.account("Bob");
    String room = room(ann);
    try (RawSocket a = RawSocket.open(ts.wsUri(room)); RawSocket b = RawSocket.open(ts.wsUri(room))) {
      a.helloWithToken("Ann", ann.token());
      b.helloWithToken("Bob", bob.token());
      assertThat(api.call("PUT", "/api/rooms/" + room + "/mutes/" + ann.userId(), "{}", bob.token()).status())
          .as("a member may not mute the owner").isEqualTo(403);
      assertThat(api.call("PUT", "/api/rooms/" + room + "/mutes/" + bob.userId(), "{\"minutes\":10}", ann.token())
          .status()).isEqualTo(204);
      Timings.within(RawSocket.WAIT).until(() -> system(b).stream().anyMatch(l -> l.event().type().equals("muted")));

      b.send("{\"type\":\"chat\",\"text\":\"hello?\",\"ref\":\"m1\"}");
      assertThat(b.awaitError("not_allowed").message()).contains("muted");
      b.send("{\"type\":\"react\",\"emoji\":\"" + THUMBS_UP + "\",\"ref\":\"m2\"}");
      Timings.within(RawSocket.WAIT).until(() -> b.errors("not_allowed").size() == 2);

      assertThat(api.call("DELETE", "/api/rooms/" + room + "/mutes/" + bob.userId(), null, ann.token()).status())
          .isEqualTo(204);
      b.send("{\"type\":\"chat\",\"text\":\"back\"}");
      Timings.within(RawSocket.WAIT).until(() -> written(a).stream().anyMatch(l -> l.text().equals("back")));
      assertThat(api.call("PUT", "/api/rooms/" + room + "/mutes/" + bob.userId(), "{\"minutes\":0}", ann.token())
          .status()).isEqualTo(422);
    }
  }
}
