package dev.cowatch.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.UserId;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.media.MediaItem;
import dev.cowatch.server.media.MediaKeys;
import dev.cowatch.server.media.MediaStore;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The library routes over real HTTP: owner-only access, renaming, deleting, who may get a URL. */
class MediaLibraryHttpTest {
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

  private static MediaItem imported(Api.Who who, String title) throws Exception {
    byte[] data = title.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return ts.server().media().library().importFile(new UserId(who.userId()), title, "C:\\films\\" + title + ".mp4",
        "video/mp4", new ByteArrayInputStream(data), data.length);
  }

  @Test
  void list_showsOnlyMine_newestFirst() throws Exception {
    Api.Who ann = api.account("Ann");
    Api.Who bob = api.account("Bob");
    MediaItem first = imported(ann, "First");
    Thread.sleep(2);
    MediaItem second = imported(ann, "Second");
    imported(bob, "Bobs");

    Api.Reply r = api.call("GET", "/api/media", null, ann.token());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("items")).hasSize(2);
    assertThat(r.json().at("/items/0/id").asText()).isEqualTo(second.id());
    assertThat(r.json().at("/items/1/id").asText()).isEqualTo(first.id());
    assertThat(r.json().at("/items/0/mediaId").asText()).isEqualTo("media:" + second.id());
    assertThat(r.json().at("/items/0/fileName").asText()).as("the path is dropped").isEqualTo("Second.mp4");
    assertThat(r.json().at("/items/0/status").asText()).isEqualTo("ready");
    assertThat(r.json().at("/items/0/durationMs").isMissingNode()).as("not inspected yet").isTrue();
    assertThat(api.call("GET", "/api/media", null, null).status()).isEqualTo(401);
  }

  @Test
  void get_ownersItem_200_someoneElses_404() throws Exception {
    Api.Who ann = api.account("Ann");
    Api.Who eve = api.account("Eve");
    MediaItem m = imported(ann, "Mine");
    Api.Reply mine = api.call("GET", "/api/media/" + m.id(), null, ann.token());
    assertThat(mine.status()).isEqualTo(200);
    assertThat(mine.json().get("sha256").asText()).isEqualTo(m.sha256());
    assertThat(mine.json().get("sizeBytes").asLong()).isEqualTo(4);
    Api.Reply theirs = api.call("GET", "/api/media/" + m.id(), null, eve.token());
    assertThat(theirs.status()).isEqualTo(404);
    assertThat(theirs.problemType()).isEqualTo("media-not-found");
    assertThat(api.call("GET", "/api/media/nosuchmedia1", null, ann.token()).status()).isEqualTo(404);
    assertThat(api.call("GET", "/api/media/..%2F..%2Fetc", null, ann.token()).status()).isEqualTo(404);
  }

  @Test
  void rename_validatesTitle_andOnlyTheOwnerMay() throws Exception {
    Api.Who ann = api.account("Ann");
    Api.Who eve = api.account("Eve");
    MediaItem m = imported(ann, "Old");
    Api.Reply ok = api.call("PATCH", "/api/media/" + m.id(), "{\"title\":\"  New title  \"}", ann.token());
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().get("title").asText()).isEqualTo("New title");
    assertThat(ts.server().media().library().get(new UserId(ann.userId()), m.id()).title()).isEqualTo("New title");

    assertThat(api.call("PATCH", "/api/media/" + m.id(), "{\"title\":\"" + "x".repeat(200) + "\"}", ann.token())
        .status()).isEqualTo(200);
    for (String bad : new String[] {"{\"title\":\"\"}", "{\"title\":\"   \"}", "{\"title\":\"" + "x".repeat(201) + "\"}",
        "{\"title\":\"a\\u0000b\"}", "{}", "{\"title\":null}"}) {
      Api.Reply r = api.call("PATCH", "/api/media/" + m.id(), bad, ann.token());
      assertThat(r.status()).as(bad).isEqualTo(422);
    }
    assertThat(api.call("PATCH", "/api/media/" + m.id(), "{\"title\":5}", ann.token()).status()).isEqualTo(422);
    assertThat(api.call("PATCH", "/api/media/" + m.id(), "{\"name\":\"x\"}", ann.token()).problemType())
        .isEqualTo("unknown-field");
    assertThat(api.call("PATCH", "/api/media/" + m.id(), "{\"title\":\"Mine now\"}", eve.token()).status())
        .isEqualTo(404);
  }

  @Test
  void delete_removesBytesPosterAndDerivedFiles_thenTheRow() throws Exception {
    Api.Who ann = api.account("Ann");
    Api.Who eve = api.account("Eve");
    MediaItem m = imported(ann, "Doomed");
    MediaItem kept = imported(ann, "Kept");
    MediaStore store = ts.server().media().library().store();
    store.put(MediaKeys.poster(m.id()), new ByteArrayInputStream(new byte[5]), 5);
    store.put(MediaKeys.itemPrefix(m.id()) + "hls/720p/segment-0001.ts", new ByteArrayInputStream(new byte[5]), 5);
    assertThat(store.list(MediaKeys.itemPrefix(m.id()))).hasSize(3);

    assertThat(api.call("DELETE", "/api/media/" + m.id(), null, eve.token()).status()).isEqualTo(404);
    assertThat(store.list(MediaKeys.itemPrefix(m.id()))).hasSize(3);

    assertThat(api.call("DELETE", "/api/media/" + m.id(), null, ann.token()).status()).isEqualTo(204);
    assertThat(store.list(MediaKeys.itemPrefix(m.id()))).isEmpty();
    assertThat(api.call("GET", "/api/media/" + m.id(), null, ann.token()).status()).isEqualTo(404);
    assertThat(api.call("DELETE", "/api/media/" + m.id(), null, ann.token()).status()).isEqualTo(404);
    assertThat(store.exists(MediaKeys.original(kept.id()))).as("others' files stay").isTrue();
    // Nothing of it left on disk either: no file, no empty directory.
    assertThat(ts.dataDir().resolve("media/media/" + m.id())).doesNotExist();
  }

  @Test
  void deletedItem_cannotBeStreamedAnyMore_evenWithAValidUrl() throws Exception {
    Api.Who ann = api.account("Ann");
    MediaItem m = imported(ann, "Gone");
    String url = api.call("POST", "/api/media/" + m.id() + "/url", null, ann.token()).json().get("url").asText();
    assertThat(api.call("GET", url, null, null).status()).isEqualTo(200);
    api.call("DELETE", "/api/media/" + m.id(), null, ann.token());
    Api.Reply r = api.call("GET", url, null, null);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.problemType()).isEqualTo("media-not-found");
  }

  @Test
  void url_forOwner_andForSomeoneWithARoleInARoomPlayingIt_notForOthers() throws Exception {
    Api.Who ann = api.account("Ann");
    Api.Who bob = api.account("Bob");
    Api.Who eve = api.account("Eve");
    MediaItem m = imported(ann, "Shared");
    MediaItem other = imported(ann, "Other");

    Api.Reply own = api.call("POST", "/api/media/" + m.id() + "/url", null, ann.token());
    assertThat(own.status()).isEqualTo(200);
    assertThat(own.json().get("url").asText()).startsWith("/api/media/" + m.id() + "/stream?u=" + ann.userId() + "&exp=");
    assertThat(own.json().get("expiresAt").asLong()).isBetween(System.currentTimeMillis() + 5 * 3600_000L,
        System.currentTimeMillis() + 6 * 3600_000L + 1);

    assertThat(api.call("POST", "/api/media/" + m.id() + "/url", null, bob.token()).problemType())
        .isEqualTo("media-not-allowed");

    // Ann opens a room playing the item; Bob enters and gets a role there.
    String room = api.call("POST", "/api/rooms", "{\"mediaId\":\"media:" + m.id() + "\"}", ann.token()).json()
        .get("id").asText();
    assertThat(api.call("POST", "/api/rooms/" + room + "/access", "{}", bob.token()).status()).isEqualTo(200);
    Api.Reply bobs = api.call("POST", "/api/media/" + m.id() + "/url", null, bob.token());
    assertThat(bobs.status()).isEqualTo(200);
    assertThat(api.call("GET", bobs.json().get("url").asText(), null, null).status()).isEqualTo(200);
    assertThat(api.call("POST", "/api/media/" + other.id() + "/url", null, bob.token()).status())
        .as("only the media the room plays").isEqualTo(403);
    assertThat(api.call("POST", "/api/media/" + m.id() + "/url", null, eve.token()).status())
        .as("no role in that room").isEqualTo(403);

    // Banned: no longer.
    assertThat(api.call("POST", "/api/rooms/" + room + "/bans", "{\"userId\":\"" + bob.userId() + "\"}", ann.token())
        .status()).isEqualTo(204);
    assertThat(api.call("POST", "/api/media/" + m.id() + "/url", null, bob.token()).status()).isEqualTo(403);
    assertThat(api.call("POST", "/api/media/nosuchmedia1/url", null, bob.token()).status()).isEqualTo(404);
    assertThat(api.call("POST", "/api/media/" + m.id() + "/url", null, null).status()).isEqualTo(401);
  }

  @Test
  void roomAfterRestart_stillGrantsAccess_fromTheStoredTimeline() throws Exception {
    java.nio.file.Path dir = TestServer.tempDir();
    String annId;
    String bobToken;
    String mediaId;
    try (TestServer first = new TestServer(dir, dev.cowatch.core.Tolerances.DEFAULTS, dev.cowatch.server.platform.Limits.DEFAULTS);
         Api a = new Api(first)) {
      Api.Who ann = a.account("Ann");
      Api.Who bob = a.account("Bob");
      annId = ann.userId();
      bobToken = bob.token();
      mediaId = first.server().media().library().importFile(new UserId(annId), "Film", "f.mp4", "video/mp4",
          new ByteArrayInputStream(new byte[3]), 3).id();
      String room = a.call("POST", "/api/rooms", "{\"mediaId\":\"media:" + mediaId + "\"}", ann.token()).json()
          .get("id").asText();
      a.call("POST", "/api/rooms/" + room + "/access", "{}", bob.token());
    }
    try (TestServer second = new TestServer(dir, dev.cowatch.core.Tolerances.DEFAULTS, dev.cowatch.server.platform.Limits.DEFAULTS);
         Api a = new Api(second)) {
      assertThat(a.call("POST", "/api/media/" + mediaId + "/url", null, bobToken).status()).isEqualTo(200);
      assertThat(second.server().media().library().get(new UserId(annId), mediaId).title()).isEqualTo("Film");
    }
  }
}
