package dev.cowatch.server.media.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.UserId;
import dev.cowatch.protocol.FileMediaId;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.http.Api;
import dev.cowatch.server.media.MediaItem;
import dev.cowatch.server.media.MediaKeys;
import dev.cowatch.server.media.MediaStore;
import dev.cowatch.server.media.UploadFileIds;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/media/{id}/file-id}: an upload's {@code file:} identity, the one a desktop player computes on the
 * viewer's copy, for whoever may watch it; never the file's name.
 */
class UploadFileIdTest {
  private static final int MIB = 1 << 20;
  private static TestServer ts;
  private static Api api;
  @TempDir Path dir;

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

  private static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static MediaItem imported(Api.Who who, byte[] data) throws Exception {
    return ts.server().media().library().importFile(new UserId(who.userId()), "Night train", "night-train.mkv",
        "video/webm", new ByteArrayInputStream(data), data.length);
  }

  private static FileMediaId expected(byte[] data) {
    int tail = FileMediaId.tailLength(data.length);
    return FileMediaId.ofEnds(data.length, Arrays.copyOf(data, FileMediaId.headLength(data.length)),
        Arrays.copyOfRange(data, data.length - tail, data.length));
  }

  @Test
  void fileId_ofAnOlderUpload_isComputedFromTheStore_andKeptBesideIt() throws Exception {
    Api.Who ann = api.account("Ann");
    byte[] data = bytes(3 * MIB + 321, 7);
    MediaItem m = imported(ann, data);
    MediaStore store = ts.server().media().library().store();
    assertThat(store.exists(MediaKeys.fileId(m.id()))).as("an import does not compute it").isFalse();

    Api.Reply r = api.call("GET", "/api/media/" + m.id() + "/file-id", null, ann.token());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("fileId").asText()).isEqualTo(expected(data).mediaId());
    assertThat(r.body()).doesNotContain("night-train").doesNotContain("Night train");
    assertThat(store.exists(MediaKeys.fileId(m.id()))).isTrue();
    // Kept: what is kept is what is answered (a forged kept value shows it is not computed again).
    FileMediaId other = new FileMediaId(data.length, "ab".repeat(32));
    byte[] forged = other.mediaId().getBytes(StandardCharsets.US_ASCII);
    store.put(MediaKeys.fileId(m.id()), new ByteArrayInputStream(forged), forged.length);
    assertThat(api.call("GET", "/api/media/" + m.id() + "/file-id", null, ann.token()).json().get("fileId").asText())
        .isEqualTo(other.mediaId());
  }

  @Test
  void fileId_isForWhoeverMayWatch_aMemberOfARoomPlayingIt_notOthers() throws Exception {
    Api.Who ann = api.account("Ann");
    Api.Who bob = api.guest("Bob");
    Api.Who eve = api.account("Eve");
    byte[] data = bytes(1500, 8);
    MediaItem m = imported(ann, data);
    String path = "/api/media/" + m.id() + "/file-id";
    assertThat(api.call("GET", path, null, bob.token()).problemType()).isEqualTo("media-not-allowed");

    String room = api.call("POST", "/api/rooms", "{\"mediaId\":\"media:" + m.id() + "\"}", ann.token()).json()
        .get("id").asText();
    assertThat(api.call("POST", "/api/rooms/" + room + "/access", "{}", bob.token()).status()).isEqualTo(200);
    Api.Reply bobs = api.call("GET", path, null, bob.token());
    assertThat(bobs.status()).isEqualTo(200);
    assertThat(bobs.json().get("fileId").asText()).as("a small file is hashed whole").isEqualTo(expected(data).mediaId());
    assertThat(api.call("GET", path, null, eve.token()).status()).isEqualTo(403);
    assertThat(api.call("GET", path, null, null).status()).isEqualTo(401);
    assertThat(api.call("GET", "/api/media/nosuchmedia1/file-id", null, bob.token()).status()).isEqualTo(404);
  }

  @Test
  void record_fromTheLocalCopy_isWhatTheStoreGivesToo() throws Exception {
    Api.Who ann = api.account("Ann");
    byte[] data = bytes(2 * MIB + 1, 9);
    MediaItem m = imported(ann, data);
    UploadFileIds ids = new UploadFileIds(ts.server().media().library().store());
    FileMediaId recorded = ids.record(m.id(), Files.write(dir.resolve("copy"), data));
    assertThat(recorded).isEqualTo(expected(data));
    assertThat(ids.of(m)).isEqualTo(recorded);
  }
}
