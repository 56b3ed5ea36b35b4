package dev.cowatch.server.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.server.RawSocket;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.Timings;
import dev.cowatch.server.http.Api;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Asks an upgraded server, through its API as people would, for everything scripts/upgrade-fixture/Fill.java made
 * on the old one, and expects the values the old server showed ({@code expected}). REST first: joining the room
 * afterwards starts a watch-history stretch and a system line of its own.
 */
final class WhatTheOldServerMade {
  private final TestServer server;
  private final Api api;
  private final Properties expected;
  private final HttpClient http = HttpClient.newHttpClient();

  WhatTheOldServerMade(TestServer server, Api api, Properties expected) {
    this.server = server;
    this.api = api;
    this.expected = expected;
  }

  void checkAll() throws Exception {
    String ann = signIn("ann", true);
    String ben = signIn("ben", false);
    catIsStillBanned();
    members(ann);
    media(ann);
    subtitles(ann);
    roomShareOfTheUpload(ann, ben);
    friendsAndNotifications(ann, ben);
    showing(ben);
    history(ann);
    audit(ann);
    roomPassword();
    roomAndChat(ann, ben);
  }

  /** The password the account was made with signs it in; the profile is as it was. */
  private String signIn(String who, boolean verified) {
    Api.Reply r = api.call("POST", "/api/auth/login", "{\"email\":\"" + v(who + ".email") + "\",\"password\":\""
        + v(who + ".password") + "\"}", null);
    assertThat(r.status()).as("%s signs in: %s", who, r.body()).isEqualTo(200);
    JsonNode user = r.json().get("user");
    assertThat(user.get("id").asText()).isEqualTo(v(who + ".id"));
    assertThat(user.get("displayName").asText()).isEqualTo(v(who + ".name"));
    assertThat(user.get("email").asText()).isEqualTo(v(who + ".email"));
    assertThat(user.get("emailVerified").asBoolean()).as("%s's address verified", who).isEqualTo(verified);
    return r.json().get("accessToken").asText();
  }

  private void catIsStillBanned() {
    Api.Reply r = api.call("POST", "/api/auth/login", "{\"email\":\"" + v("cat.email") + "\",\"password\":\""
        + v("cat.password") + "\"}", null);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.problemType()).isEqualTo("account-banned");
    assertThat(r.json().get("reason").asText()).isEqualTo(v("cat.banReason"));
  }

  private void members(String ann) {
    List<String> members = new ArrayList<>();
    ok(api.call("GET", "/api/rooms/" + v("room.id") + "/members", null, ann)).get("members")
        .forEach(m -> members.add(m.get("userId").asText() + ":" + m.get("role").asText()));
    members.sort(null);
    assertThat(String.join(",", members)).isEqualTo(v("room.members"));
  }

  /** The item as uploaded and probed; its signed URL streams the same bytes, whole and in a range; the poster. */
  private void media(String ann) throws Exception {
    JsonNode items = ok(api.call("GET", "/api/media", null, ann)).get("items");
    assertThat(items).hasSize(1);
    JsonNode item = items.get(0);
    for (String field : List.of("id", "title", "fileName", "sizeBytes", "sha256", "contentType", "durationMs", "width",
        "height", "hasPoster")) {
      assertThat(item.path(field).asText()).as(field).isEqualTo(v("media." + field));
    }
    assertThat(item.get("status").asText()).isEqualTo("ready");
    JsonNode url = ok(api.call("POST", "/api/media/" + v("media.id") + "/url", null, ann));
    HttpResponse<byte[]> whole = get(url.get("url").asText(), null);
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(whole.body())))
        .isEqualTo(v("media.sha256"));
    HttpResponse<byte[]> part = get(url.get("url").asText(), "bytes=100-199");
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 100-199/" + v("media.sizeBytes"));
    assertThat(part.body()).isEqualTo(Arrays.copyOfRange(whole.body(), 100, 200));
    HttpResponse<byte[]> poster = get(url.get("posterUrl").asText(), null);
    assertThat(poster.statusCode()).isEqualTo(200);
    assertThat(poster.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    assertThat(Arrays.copyOf(poster.body(), 2)).as("a JPEG").isEqualTo(new byte[] {(byte) 0xFF, (byte) 0xD8});
  }

  private void subtitles(String ann) throws Exception {
    JsonNode tracks = ok(api.call("GET", "/api/media/" + v("media.id") + "/subtitles", null, ann)).get("tracks");
    assertThat(tracks).hasSize(1);
    assertThat(tracks.get(0).get("id").asText()).isEqualTo(v("subtitle.id"));
    assertThat(tracks.get(0).get("label").asText()).isEqualTo(v("subtitle.label"));
    assertThat(tracks.get(0).get("cues").asText()).isEqualTo(v("subtitle.cues"));
    HttpResponse<byte[]> vtt = get(tracks.get(0).get("url").asText(), null);
    assertThat(vtt.statusCode()).isEqualTo(200);
    assertThat(new String(vtt.body(), StandardCharsets.UTF_8)).startsWith("WEBVTT").contains("Hallo, Änn!");
  }

  /**
   * V16: the room that played its owner's own upload is shared with it, so Ben, a moderator there, may watch it;
   * a stranger may not.
   */
  private void roomShareOfTheUpload(String ann, String ben) {
    JsonNode shares = ok(api.call("GET", "/api/media/" + v("media.id") + "/shares", null, ann)).get("shares");
    assertThat(shares).anySatisfy(s -> {
      assertThat(s.get("scope").asText()).isEqualTo("room");
      assertThat(s.get("roomId").asText()).isEqualTo(v("room.id"));
      assertThat(s.get("grantedBy").asText()).isEqualTo(v("ann.id"));
    });
    assertThat(api.call("POST", "/api/media/" + v("media.id") + "/url", null, ben).status()).isEqualTo(200);
    Api.Who stranger = api.guest("Stranger");
    Api.Reply refused = api.call("POST", "/api/media/" + v("media.id") + "/url", null, stranger.token());
    assertThat(refused.problemType()).as(refused.body()).isEqualTo("media-not-allowed");
  }

  private void friendsAndNotifications(String ann, String ben) {
    JsonNode friends = ok(api.call("GET", "/api/friends", null, ann));
    assertThat(ids(friends.get("friends"))).isEqualTo(v("ann.friends"));
    assertThat(ids(friends.get("incoming"))).isEqualTo(v("ann.friends.incoming"));
    assertThat(ids(friends.get("outgoing"))).isEqualTo(v("ann.friends.outgoing"));
    List<String> kinds = new ArrayList<>();
    ok(api.call("GET", "/api/me/notifications", null, ben)).get("notifications")
        .forEach(n -> kinds.add(n.get("kind").asText()));
    assertThat(String.join(",", kinds)).isEqualTo(v("ben.notifications"));
  }

  private void showing(String ben) {
    JsonNode s = ok(api.call("GET", "/api/showings/" + v("showing.id"), null, ben));
    assertThat(s.get("title").asText()).isEqualTo(v("showing.title"));
    assertThat(s.get("description").asText()).isEqualTo(v("showing.description"));
    assertThat(s.get("startsAt").asText()).isEqualTo(v("showing.startsAt"));
    assertThat(s.get("timeZone").asText()).isEqualTo(v("showing.timeZone"));
    assertThat(s.get("roomId").asText()).isEqualTo(v("showing.roomId"));
    assertThat(s.get("status").asText()).isEqualTo("scheduled");
    assertThat(s.get("myAnswer").asText()).isEqualTo("going");
    assertThat(s.at("/episodes/0/mediaId").asText()).isEqualTo("media:" + v("media.id"));
    assertThat(s.at("/episodes/0/title").asText()).isEqualTo("Part one");
  }

  private void history(String ann) {
    JsonNode entries = ok(api.call("GET", "/api/me/history", null, ann)).get("entries");
    assertThat(entries).hasSize(1);
    JsonNode e = entries.get(0);
    for (String field : List.of("roomId", "mediaId", "startedAt", "endedAt")) {
      assertThat(e.path(field).asText()).as(field).isEqualTo(v("ann.history." + field));
    }
    List<String> with = new ArrayList<>();
    e.get("with").forEach(n -> with.add(n.asText()));
    assertThat(String.join(",", with)).isEqualTo(v("ann.history.with"));
  }

  /** Ann still administers the site; the old audit chain's head is still in the chain, which is intact. */
  private void audit(String ann) {
    assertThat(ok(api.call("GET", "/api/admin", null, ann)).get("admin").asBoolean()).isTrue();
    long rows = Long.parseLong(v("audit.rows"));
    JsonNode page = ok(api.call("GET", "/api/admin/audit?limit=1&before=" + (rows + 1), null, ann));
    assertThat(page.at("/verification/status").asText()).isEqualTo("intact");
    assertThat(page.at("/entries/0/seq").asLong()).isEqualTo(rows);
    assertThat(page.at("/entries/0/hash").asText()).isEqualTo(v("audit.headHash"));
  }

  private void roomPassword() {
    Api.Who guest = api.guest("Newcomer");
    String path = "/api/rooms/" + v("room.id") + "/access";
    assertThat(api.call("POST", path, "{\"password\":\"not the password\"}", guest.token()).status()).isEqualTo(403);
    assertThat(api.call("POST", path, "{\"password\":\"" + v("room.password") + "\"}", guest.token()).status())
        .isEqualTo(200);
  }

  /**
   * The room as it was (settings, the paused timeline, the queue) and its chat (lines, line ids, the reaction,
   * the system lines); then the owner plays her upload in it again and Ben, a moderator, may put it back.
   */
  private void roomAndChat(String ann, String ben) {
    URI roomSocket = server.wsUri(v("room.id"));
    try (RawSocket b = RawSocket.open(roomSocket); RawSocket a = RawSocket.open(roomSocket)) {
      ServerMessage.RoomView room = b.helloWithToken("Ben", ben).room();
      assertThat(room.name()).isEqualTo(v("room.name"));
      assertThat(room.visibility()).isEqualTo(v("room.visibility"));
      assertThat(room.passwordProtected()).isTrue();
      assertThat(room.guestsAllowed()).isEqualTo(Boolean.parseBoolean(v("room.guestsAllowed")));
      assertThat(room.controlMode()).isEqualTo(v("room.controlMode"));
      assertThat(room.bufferingPolicy()).isEqualTo(v("room.bufferingPolicy"));
      assertThat(room.bufferWaitTimeoutMs()).isEqualTo(Long.parseLong(v("room.bufferWaitTimeoutMs")));
      assertThat(room.maxMembers()).isEqualTo(Integer.parseInt(v("room.maxMembers")));
      assertThat(room.ownerId()).isEqualTo(v("ann.id"));
      assertThat(room.timeline().mediaId()).isEqualTo("media:" + v("media.id"));
      assertThat(room.timeline().state()).isEqualTo("paused");
      assertThat(room.timeline().anchorPositionMs()).isEqualTo(Long.parseLong(v("room.positionMs")));
      // A room loaded again takes the next version before anyone sees it (docs/architecture.md).
      assertThat(room.timeline().version()).isEqualTo(Long.parseLong(v("room.timelineVersion")) + 1);
      assertThat(room.queue()).extracting(ServerMessage.QueueItemView::title).containsExactly(v("queue.title"));

      Timings.within(RawSocket.WAIT).until(() -> !b.messages(ServerMessage.ChatHistory.class).isEmpty());
      List<ServerMessage.ChatView> lines = b.messages(ServerMessage.ChatHistory.class).getFirst().messages();
      List<ServerMessage.ChatView> written = lines.stream().filter(l -> l.kind().equals("user")).toList();
      assertThat(written).hasSize(3);
      for (int n = 1; n <= 3; n++) {
        ServerMessage.ChatView line = written.get(n - 1);
        assertThat(line.id()).isEqualTo(Long.parseLong(v("chat." + n + ".id")));
        assertThat(line.userId()).isEqualTo(v("chat." + n + ".userId"));
        assertThat(line.name()).isEqualTo(v("chat." + n + ".name"));
        assertThat(line.text()).isEqualTo(v("chat." + n + ".text"));
        assertThat(line.lineId()).isEqualTo(v("chat." + n + ".lineId"));
      }
      assertThat(written.getFirst().reactions()).isEqualTo(Map.of("👍", List.of(v("ann.id"))));
      assertThat(lines).anySatisfy(l -> assertThat(l.event()).isEqualTo(
          new ServerMessage.ChatEventView("pause", v("ann.name"), Long.parseLong(v("room.positionMs")))));
      assertThat(lines).anySatisfy(l -> assertThat(l.event()).isEqualTo(
          new ServerMessage.ChatEventView("muted", v("gus.name"), null)));

      a.helloWithToken("Ann", ann);
      a.send("{\"type\":\"play\",\"version\":" + room.timeline().version() + "}");
      ServerMessage.TimelineView playing = awaitTimeline(b, "playing");
      assertThat(playing.mediaId()).isEqualTo("media:" + v("media.id"));
      assertThat(playing.anchorPositionMs()).isEqualTo(Long.parseLong(v("room.positionMs")));

      b.send("{\"type\":\"setMedia\",\"version\":" + playing.version()
          + ",\"mediaId\":\"https://media.example.org/other.mp4\"}");
      long other = Timings.within(RawSocket.WAIT).until(() -> latestTimeline(b),
          t -> t != null && t.mediaId().startsWith("https:")).version();
      b.send("{\"type\":\"setMedia\",\"version\":" + other + ",\"mediaId\":\"media:" + v("media.id") + "\"}");
      Timings.within(RawSocket.WAIT).until(() -> latestTimeline(b),
          t -> t != null && t.mediaId().equals("media:" + v("media.id")));
      assertThat(b.errors("media_not_found")).isEmpty();
    }
  }

  private static ServerMessage.TimelineView awaitTimeline(RawSocket s, String state) {
    return Timings.within(RawSocket.WAIT).until(() -> latestTimeline(s), t -> t != null && t.state().equals(state));
  }

  private static ServerMessage.TimelineView latestTimeline(RawSocket s) {
    List<ServerMessage.TimelineUpdate> updates = s.messages(ServerMessage.TimelineUpdate.class);
    return updates.isEmpty() ? null : updates.getLast().timeline();
  }

  private HttpResponse<byte[]> get(String url, String range) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.baseUri().resolve(url));
    if (range != null) b.header("Range", range);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String ids(JsonNode people) {
    List<String> ids = new ArrayList<>();
    people.forEach(p -> ids.add(p.get("userId").asText()));
    ids.sort(null);
    return String.join(",", ids);
  }

  private static JsonNode ok(Api.Reply r) {
    assertThat(r.status()).as(r.body()).isBetween(200, 201);
    return r.json();
  }

  private String v(String key) {
    String value = expected.getProperty(key);
    assertThat(value).as("the fixture's %s", key).isNotNull();
    return value;
  }
}
