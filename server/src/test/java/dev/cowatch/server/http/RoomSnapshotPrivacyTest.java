package dev.cowatch.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.server.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/rooms/{id}} to someone who may not walk in: the snapshot shows what docs/api.md's table
 * for strangers allows and no more (StrangerViewMatrixTest walks the whole table).
 */
class RoomSnapshotPrivacyTest {
  private static final String FILM = "https://example.org/films/secret-cut.mp4";
  private static final String NEXT = "https://example.org/films/next-secret.mp4";
  private static TestServer server;
  private static Api api;

  @BeforeAll
  static void start() {
    server = new TestServer();
    api = new Api(server);
  }

  @AfterAll
  static void stop() {
    api.close();
    server.close();
  }

  @Test
  void a_password_room_shows_an_anonymous_caller_its_name_but_not_its_timeline_queue_or_members() {
    // Issue 51, finding 4: the snapshot of a password room handed anyone its timeline (the media id) and queue.
    Api.Who ann = api.account("Ann Keeper");
    String room = api.call("POST", "/api/rooms", "{\"name\":\"Behind a door\",\"password\":\"long enough password\","
        + "\"mediaId\":\"" + FILM + "\"}", ann.token()).json().get("id").asText();
    var present = server.joined(server.client(new dev.cowatch.core.room.RoomId(room), "Ann Keeper")
        .accessToken(ann.token()).build());
    present.sendRaw("{\"type\":\"queueAdd\",\"mediaId\":\"" + NEXT + "\",\"title\":\"Next\"}");
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() ->
        api.call("GET", "/api/rooms/" + room, null, ann.token()).json().get("queue").size() == 1);

    Api.Reply anonymous = api.call("GET", "/api/rooms/" + room, null, null);
    Api.Reply stranger = api.call("GET", "/api/rooms/" + room, null, api.account("Sam Stranger").token());

    for (Api.Reply r : java.util.List.of(anonymous, stranger)) {
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().get("name").asText()).isEqualTo("Behind a door");
      assertThat(r.json().get("passwordProtected").asBoolean()).isTrue();
      assertThat(r.json().at("/access/refusal").asText()).isEqualTo("password_required");
      assertThat(r.json().has("timeline")).isFalse();
      assertThat(r.json().has("queue")).isFalse();
      assertThat(r.json().has("members")).isFalse();
      assertThat(r.body()).doesNotContain(FILM, NEXT, ann.userId(), "Ann Keeper");
    }
  }

  @Test
  void a_private_room_tells_a_stranger_only_that_it_exists_and_needs_an_invite() {
    Api.Who ann = api.account("Ann Private");
    String room = api.call("POST", "/api/rooms", "{\"name\":\"Our secret\",\"visibility\":\"private\","
        + "\"guestsAllowed\":false,\"mediaId\":\"" + FILM + "\"}", ann.token()).json().get("id").asText();

    Api.Reply guest = api.call("GET", "/api/rooms/" + room, null, api.guest("Gil").token());
    Api.Reply owner = api.call("GET", "/api/rooms/" + room, null, ann.token());

    assertThat(guest.json().get("id").asText()).isEqualTo(room);
    assertThat(guest.json().get("visibility").asText()).isEqualTo("private");
    assertThat(guest.json().at("/access/refusal").asText()).isEqualTo("invite_required");
    assertThat(guest.json().at("/access/canEnter").asBoolean()).isFalse();
    assertThat(guest.body()).doesNotContain("Our secret", FILM, ann.userId(), "guestsAllowed");
    assertThat(owner.json().get("name").asText()).isEqualTo("Our secret");
    assertThat(owner.json().at("/timeline/mediaId").asText()).isEqualTo(FILM);
  }
}
