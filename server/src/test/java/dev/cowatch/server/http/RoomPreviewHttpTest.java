package dev.cowatch.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cowatch.client.CowatchClient;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/rooms/{id}/preview} and the Open Graph tags of {@code /r/{id}}: what someone holding a
 * room link sees before giving a name, and what stays hidden behind a password or an invite.
 */
class RoomPreviewHttpTest {
  private static final String FILM = "https://example.org/films/Big%20Buck%20Bunny.mp4";
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
  void an_open_room_shows_its_owner_who_is_there_and_what_plays_where() {
    RoomId room = server.createRoom(FILM);
    CowatchClient ann = server.joined(room, "Ann");
    server.joined(room, "Bob");
    ann.seek(61_000);
    await().atMost(Duration.ofSeconds(5)).until(() -> ann.timeline().anchorPositionMs() == 61_000);

    Api.Reply r = api.call("GET", "/api/rooms/" + room.value() + "/preview", null, null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("name").asText()).isEqualTo("test");
    assertThat(r.json().has("refusal")).isFalse();
    var details = r.json().get("details");
    assertThat(details.get("owner").asText()).isEqualTo("Owner");
    assertThat(details.get("presentCount").asInt()).isEqualTo(2);
    assertThat(details.get("presentNames").toString()).isEqualTo("[\"Ann\",\"Bob\"]");
    var playing = details.get("playing");
    assertThat(playing.get("title").asText()).isEqualTo("Big Buck Bunny.mp4");
    assertThat(playing.get("state").asText()).isEqualTo("paused");
    assertThat(playing.get("positionMs").asLong()).isEqualTo(61_000);
    assertThat(playing.has("posterPath")).isFalse();
    assertThat(details.has("startsAtMs")).isFalse();
  }

  @Test
  void a_room_behind_a_password_shows_a_stranger_only_its_name_and_that_the_password_is_needed() {
    Api.Who ann = api.account("Ann Owner");
    String room = api.call("POST", "/api/rooms", "{\"name\":\"Locked\",\"password\":\"open sesame 1\",\"mediaId\":\""
        + FILM + "\"}", ann.token()).json().get("id").asText();

    Api.Reply stranger = api.call("GET", "/api/rooms/" + room + "/preview", null, null);
    Api.Reply owner = api.call("GET", "/api/rooms/" + room + "/preview", null, ann.token());

    assertThat(stranger.json().get("refusal").asText()).isEqualTo("password_required");
    assertThat(stranger.json().has("details")).isFalse();
    assertThat(stranger.body()).doesNotContain("Ann Owner", "Bunny");
    assertThat(owner.json().has("refusal")).isFalse();
    assertThat(owner.json().get("details").get("owner").asText()).isEqualTo("Ann Owner");
  }

  @Test
  void a_private_room_needs_an_invite_and_hides_its_details() {
    Api.Who ann = api.account("Ann");
    String room = api.call("POST", "/api/rooms", "{\"name\":\"Ours\",\"visibility\":\"private\"}", ann.token())
        .json().get("id").asText();

    Api.Reply r = api.call("GET", "/api/rooms/" + room + "/preview", null, api.guest("Eve").token());

    assertThat(r.json().get("refusal").asText()).isEqualTo("invite_required");
    assertThat(r.json().has("details")).isFalse();
  }

  @Test
  void a_private_room_that_refuses_guests_shows_an_anonymous_visitor_only_that_it_needs_an_invite() {
    // Issue 51, finding 2: "guests not allowed" was answered before "private", and a refusal other than
    // password or invite left the details (owner, title, position, poster) in the preview and in og: tags.
    Api.Who ann = api.account("Ann Uploader");
    String room = api.call("POST", "/api/rooms", "{\"name\":\"Hush hush\",\"visibility\":\"private\","
        + "\"guestsAllowed\":false,\"mediaId\":\"" + FILM + "\"}", ann.token()).json().get("id").asText();

    Api.Reply preview = api.call("GET", "/api/rooms/" + room + "/preview", null, null);
    Api.Reply asGuest = api.call("GET", "/api/rooms/" + room + "/preview", null, api.guest("Eve").token());
    Api.Reply page = api.call("GET", "/r/" + room, null, null);

    for (Api.Reply r : java.util.List.of(preview, asGuest)) {
      assertThat(r.json().get("refusal").asText()).isEqualTo("invite_required");
      assertThat(r.json().has("details")).isFalse();
      assertThat(r.body()).doesNotContain("Hush hush", "Ann Uploader", "Bunny", "positionMs", "poster");
    }
    assertThat(page.body()).contains("An invite is needed to enter.")
        .doesNotContain("Hush hush", "Ann Uploader", "Bunny", "og:image");
  }

  @Test
  void a_planned_showing_gives_its_start_and_what_will_play() {
    Api.Who ann = api.account("Ann Planner");
    String startsAt = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).plusDays(2).withSecond(0).withNano(0)
        .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
    var showing = api.call("POST", "/api/showings", "{\"title\":\"Premiere\",\"startsAt\":\"" + startsAt
        + "\",\"timeZone\":\"UTC\",\"episodes\":[{\"mediaId\":\"https://example.org/a.mp4\",\"durationMs\":60000}]}",
        ann.token()).json();
    long startMs = java.time.LocalDateTime.parse(startsAt).toInstant(java.time.ZoneOffset.UTC).toEpochMilli();

    Api.Reply r = api.call("GET", "/api/rooms/" + showing.get("roomId").asText() + "/preview", null, ann.token());

    assertThat(r.json().get("details").get("startsAtMs").asLong()).isEqualTo(startMs);
    assertThat(r.json().get("details").get("playing").get("title").asText()).isEqualTo("a.mp4");
    assertThat(r.json().get("details").get("playing").get("positionMs").asLong()).isZero();
  }

  @Test
  void a_room_that_does_not_exist_is_a_problem_404() {
    Api.Reply missing = api.call("GET", "/api/rooms/nosuchroom1/preview", null, null);
    Api.Reply malformed = api.call("GET", "/api/rooms/x%20y/preview", null, null);

    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.contentType()).startsWith("application/problem+json");
    assertThat(missing.problemType()).isEqualTo("room-not-found");
    assertThat(malformed.status()).isEqualTo(404);
  }

  @Test
  void a_room_link_carries_escaped_open_graph_tags_for_messengers() {
    Api.Who ann = api.account("Ann");
    String room = api.call("POST", "/api/rooms", "{\"name\":\"Film & <b>\\\"friends\\\"</b>\",\"mediaId\":\""
        + FILM + "\"}", ann.token()).json().get("id").asText();

    Api.Reply page = api.call("GET", "/r/" + room, null, null);

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("<title>Film &amp; &lt;b&gt;&quot;friends&quot;&lt;/b&gt; \u00b7 Cowatch</title>")
        .contains("<meta property=\"og:title\" content=\"Film &amp; &lt;b&gt;&quot;friends&quot;&lt;/b&gt;\">")
        .contains("<meta property=\"og:description\" content=\"Paused: Big Buck Bunny.mp4 at 0:00. Nobody is here yet."
            + " Room of Ann.\">")
        .contains("<meta property=\"og:url\" content=\"" + server.server().publicUrl() + "/r/" + room + "\">")
        .doesNotContain("<b>\"friends\"");
  }

  @Test
  void a_locked_room_link_tells_a_messenger_nothing_but_its_name() {
    Api.Who ann = api.account("Ann Secret");
    String room = api.call("POST", "/api/rooms", "{\"name\":\"Quiet\",\"password\":\"open sesame 1\",\"mediaId\":\""
        + FILM + "\"}", ann.token()).json().get("id").asText();

    Api.Reply page = api.call("GET", "/r/" + room, null, null);

    assertThat(page.body()).contains("<meta property=\"og:title\" content=\"Quiet\">")
        .contains("Its password is needed to enter.").doesNotContain("Ann Secret", "Bunny");
  }

  @Test
  void a_link_to_no_room_is_the_plain_page() {
    Api.Reply page = api.call("GET", "/r/nosuchroom1", null, null);

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("<title>Cowatch</title>").doesNotContain("og:title");
  }
}
