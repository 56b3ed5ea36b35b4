package dev.cowatch.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.UserId;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.server.RawSocket;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.Timings;
import dev.cowatch.server.http.Api;
import java.io.ByteArrayInputStream;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Media by grant, not by name (issue 51, finding 1): naming someone's upload, in a room of one's own, over REST or
 * the room socket, in a queue or a showing, mints no right to watch it; only its owner's shares do. Before shares
 * existed the guest's room in the first test was made (201) and its URL then issued (200).
 */
class MediaSharesTest {
  private static TestServer ts;
  private static Api api;

  @BeforeAll
  static void start() {
    ts = new TestServer();
    api = new Api(ts);
  }

  @AfterAll
  static void stop() {
    api.close();
    ts.close();
  }

  private static String upload(Api.Who owner, String title) throws Exception {
    byte[] data = ("film " + title).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return ts.server().media().library().importFile(new UserId(owner.userId()), title, title + ".webm", "video/webm",
        new ByteArrayInputStream(data), data.length).id();
  }

  private static int urlStatus(String mediaId, Api.Who who) {
    return api.call("POST", "/api/media/" + mediaId + "/url", null, who.token()).status();
  }

  private static String room(Api.Who owner, String body) {
    Api.Reply r = api.call("POST", "/api/rooms", body, owner.token());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asText();
  }

  private static void enter(String room, Api.Who who) {
    assertThat(api.call("POST", "/api/rooms/" + room + "/access", "{}", who.token()).status()).isEqualTo(200);
  }

  private static String lastMedia(RawSocket s) {
    var updates = s.messages(ServerMessage.TimelineUpdate.class);
    return updates.isEmpty() ? null : updates.getLast().timeline().mediaId();
  }

  @Test
  void aGuestNamingSomeonesUpload_inARoomOfItsOwn_getsNeitherTheRoomNorAUrl() throws Exception {
    Api.Who ann = api.account("Ann");
    Api.Who guest = api.guest("Stranger");
    String film = upload(ann, "Private");
    assertThat(urlStatus(film, guest)).isEqualTo(403);

    Api.Reply made = api.call("POST", "/api/rooms", "{\"mediaId\":\"media:" + film + "\"}", guest.token());
    assertThat(made.status()).isEqualTo(404);
    assertThat(made.problemType()).isEqualTo("media-not-found");
    Api.Reply unknown = api.call("POST", "/api/rooms", "{\"mediaId\":\"media:nosuchitem1\"}", guest.token());
    assertThat(unknown.status()).as("the same answer whether or not it exists").isEqualTo(404);
    assertThat(unknown.problemType()).isEqualTo("media-not-found");
    assertThat(urlStatus(film, guest)).isEqualTo(403);
  }

  @Test
  void setMediaAndQueueAdd_ofSomeoneElsesUpload_areRefusedOverTheSocket_andTheRoomStaysAsItWas() throws Exception {
    Api.Who ann = api.account("Ann");
    Api.Who bob = api.account("Bob");
    String film = upload(ann, "Hers");
    String bobsRoom = room(bob, "{\"mediaId\":\"https://example.org/own.mp4\"}");
    try (RawSocket s = RawSocket.open(ts.wsUri(bobsRoom))) {
      ServerMessage.Joined joined = s.helloWithToken("Bob", bob.token());
      long version = joined.room().timeline().version();
      s.send("{\"type\":\"setMedia\",\"version\":" + version + ",\"mediaId\":\"media:" + film + "\",\"ref\":\"m1\"}");
      assertThat(s.awaitError("media_not_found").ref()).isEqualTo("m1");
      s.send("{\"type\":\"queueAdd\",\"mediaId\":\"media:" + film + "\",\"title\":\"x\",\"ref\":\"q1\"}");
      Timings.within(RawSocket.WAIT).until(() -> s.errors("media_not_found").size() == 2);
      assertThat(s.errors("media_not_found").get(1).ref()).isEqualTo("q1");

      // A URL still goes in: the room works, it just did not take the stranger's item.
      s.send("{\"type\":\"setMedia\",\"version\":" + version + ",\"mediaId\":\"https://example.org/b.mp4\"}");
      Timings.within(RawSocket.WAIT).until(() -> "https://example.org/b.mp4".equals(lastMedia(s)));
      assertThat(s.messages(ServerMessage.Queue.class)).as("nothing was queued").isEmpty();
    }
    assertThat(urlStatus(film, bob)).isEqualTo(403);
    assertThat(api.call("GET", "/api/media/" + film + "/shares", null, ann.token()).json().get("shares")).isEmpty();
  }

  @Test
  void theOwnersPlacement_sharesWithThatRoom_andItsMembersMayPlaceItThereAgain_butNowhereElse() throws Exception {
    Api.Who ann = api.account("Ann");
    Api.Who bob = api.account("Bob");
    Api.Who eve = api.account("Eve");
    String film = upload(ann, "Shared");
    String annsRoom = room(ann, "{\"mediaId\":\"media:" + film + "\"}");
    enter(annsRoom, bob);
    assertThat(urlStatus(film, bob)).isEqualTo(200);
    assertThat(urlStatus(film, eve)).as("no role in the room it is shared with").isEqualTo(403);

    String bobsRoom = room(bob, "{}");
    try (RawSocket s = RawSocket.open(ts.wsUri(bobsRoom))) {
      long version = s.helloWithToken("Bob", bob.token()).room().timeline().version();
      s.send("{\"type\":\"setMedia\",\"version\":" + version + ",\"mediaId\":\"media:" + film + "\",\"ref\":\"m\"}");
      s.awaitError("media_not_found");
    }
    enter(bobsRoom, eve);
    assertThat(urlStatus(film, eve)).as("Bob cannot pass Ann's film on").isEqualTo(403);

    try (RawSocket s = RawSocket.open(ts.wsUri(annsRoom))) {
      long version = s.helloWithToken("Bob", bob.token()).room().timeline().version();
      s.send("{\"type\":\"setMedia\",\"version\":" + version + ",\"mediaId\":\"https://example.org/x.mp4\"}");
      Timings.within(RawSocket.WAIT).until(() -> "https://example.org/x.mp4".equals(lastMedia(s)));
      long next = s.messages(ServerMessage.TimelineUpdate.class).getLast().timeline().version();
      s.send("{\"type\":\"setMedia\",\"version\":" + next + ",\"mediaId\":\"media:" + film + "\"}");
      Timings.within(RawSocket.WAIT).until(() -> ("media:" + film).equals(lastMedia(s)));
    }
  }

  @Test
  void aPlacementTheRoomRefuses_leavesNoShareBehind() throws Exception {
    Api.Who ann = api.account("Ann");
    Api.Who bob = api.account("Bob");
    Api.Who carol = api.account("Carol");
    String film = upload(ann, "Kept");
    String bobsRoom = room(bob, "{\"controlMode\":\"moderators\"}");
    enter(bobsRoom, ann);
    enter(bobsRoom, carol);
    try (RawSocket s = RawSocket.open(ts.wsUri(bobsRoom))) {
      long version = s.helloWithToken("Ann", ann.token()).room().timeline().version();
      s.send("{\"type\":\"setMedia\",\"version\":" + version + ",\"mediaId\":\"media:" + film + "\",\"ref\":\"m\"}");
      assertThat(s.awaitError("not_allowed").ref()).isEqualTo("m");
    }
    assertThat(api.call("GET", "/api/media/" + film + "/shares", null, ann.token()).json().get("shares")).isEmpty();
    assertThat(urlStatus(film, carol)).isEqualTo(403);
  }

  @Test
  void aFriendsShare_reachesFriendsAndTheRoomsTheyShareItInto_untilItIsWithdrawn() throws Exception {
    Api.Who ann = api.account("Ann");
    Api.Who bob = api.account("Bob");
    Api.Who carol = api.account("Carol");
    Api.Who eve = api.account("Eve");
    String film = upload(ann, "For friends");
    befriend(ann, bob);
    assertThat(urlStatus(film, bob)).as("friends, but not shared yet").isEqualTo(403);
    assertThat(api.call("POST", "/api/rooms", "{\"mediaId\":\"media:" + film + "\"}", bob.token()).status())
        .isEqualTo(404);

    Api.Reply shared = api.call("POST", "/api/media/" + film + "/shares", "{\"friends\":true}", ann.token());
    assertThat(shared.status()).isEqualTo(201);
    assertThat(shared.json().get("scope").asText()).isEqualTo("friends");
    assertThat(urlStatus(film, bob)).isEqualTo(200);
    assertThat(urlStatus(film, eve)).as("not a friend").isEqualTo(403);

    String bobsRoom = room(bob, "{\"mediaId\":\"media:" + film + "\"}");
    enter(bobsRoom, carol);
    assertThat(urlStatus(film, carol)).isEqualTo(200);
    Api.Reply list = api.call("GET", "/api/media/" + film + "/shares", null, ann.token());
    assertThat(list.json().get("shares")).hasSize(2);
    assertThat(list.json().at("/shares/1/roomId").asText()).isEqualTo(bobsRoom);
    assertThat(list.json().at("/shares/1/grantedBy").asText()).isEqualTo(bob.userId());
    assertThat(list.json().at("/shares/1/viaFriends").asBoolean()).isTrue();

    assertThat(api.call("DELETE", "/api/media/" + film + "/shares/friends", null, ann.token()).status()).isEqualTo(204);
    assertThat(urlStatus(film, bob)).isEqualTo(403);
    assertThat(urlStatus(film, carol)).as("the room Bob shared it into lost it too").isEqualTo(403);
    assertThat(api.call("GET", "/api/media/" + film + "/shares", null, ann.token()).json().get("shares")).isEmpty();
  }

  @Test
  void sharesAreTheOwnersAlone_toSeeMakeAndWithdraw() throws Exception {
    Api.Who ann = api.account("Ann");
    Api.Who bob = api.account("Bob");
    String film = upload(ann, "Mine");
    String bobsRoom = room(bob, "{}");
    String base = "/api/media/" + film + "/shares";
    assertThat(api.call("GET", base, null, bob.token()).status()).isEqualTo(404);
    assertThat(api.call("POST", base, "{\"roomId\":\"" + bobsRoom + "\"}", bob.token()).status()).isEqualTo(404);
    assertThat(api.call("POST", base, "{\"friends\":true}", bob.token()).status()).isEqualTo(404);
    assertThat(api.call("GET", base, null, null).status()).isEqualTo(401);

    assertThat(api.call("POST", base, "{\"roomId\":\"nosuchroom\"}", ann.token()).problemType())
        .isEqualTo("room-not-found");
    assertThat(api.call("POST", base, "{\"roomId\":\"" + bobsRoom + "\",\"friends\":true}", ann.token()).status())
        .isEqualTo(422);
    assertThat(api.call("POST", base, "{\"roomId\":\"" + bobsRoom + "\"}", ann.token()).status()).isEqualTo(201);
    assertThat(urlStatus(film, bob)).as("Bob owns the room Ann shared it with").isEqualTo(200);
    assertThat(api.call("DELETE", base + "/rooms/" + bobsRoom, null, bob.token()).status()).isEqualTo(404);
    assertThat(api.call("DELETE", base + "/rooms/" + bobsRoom, null, ann.token()).status()).isEqualTo(204);
    assertThat(urlStatus(film, bob)).isEqualTo(403);
    assertThat(api.call("DELETE", base + "/rooms/" + bobsRoom, null, ann.token()).problemType())
        .isEqualTo("share-not-found");
  }

  @Test
  void aShowing_ofSomeoneElsesUpload_isRefused_andTheOwnersShowingSharesEveryEpisodeWithItsRoom() throws Exception {
    Api.Who ann = api.account("Ann");
    Api.Who bob = api.account("Bob");
    String first = upload(ann, "Ep1");
    String second = upload(ann, "Ep2");
    String start = LocalDateTime.now(ZoneId.of("UTC")).plusDays(1).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    String body = """
        {"title": "Night", "startsAt": "%s", "timeZone": "UTC",
         "episodes": [{"mediaId": "media:%s", "durationMs": 60000}, {"mediaId": "media:%s", "durationMs": 60000}]}"""
        .formatted(start.substring(0, 16), first, second);
    assertThat(api.call("POST", "/api/showings", body, bob.token()).status()).isEqualTo(404);

    Api.Reply made = api.call("POST", "/api/showings", body, ann.token());
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    String room = made.json().get("roomId").asText();
    enter(room, bob);
    assertThat(urlStatus(first, bob)).isEqualTo(200);
    assertThat(urlStatus(second, bob)).as("the later episode too").isEqualTo(200);
  }

  private static void befriend(Api.Who a, Api.Who b) {
    assertThat(api.call("POST", "/api/friends/requests", "{\"userId\":\"" + b.userId() + "\"}", a.token()).status())
        .isBetween(200, 204);
    assertThat(api.call("POST", "/api/friends/requests/" + a.userId() + "/accept", null, b.token()).status())
        .isBetween(200, 204);
  }
}
