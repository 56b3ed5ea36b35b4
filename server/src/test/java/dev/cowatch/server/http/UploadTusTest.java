package dev.cowatch.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cowatch.core.room.UserId;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.media.MediaKeys;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** tus 1.0.0 at /api/uploads over real HTTP: creation, offsets, resuming, termination, refusals. */
class UploadTusTest {
  static final Path MP4 = Path.of("src/test/resources/media/h264-aac.mp4");
  private static TestServer ts;
  private static Api api;
  private static Tus tus;

  @BeforeAll
  static void start() {
    ts = new TestServer();
    api = new Api(ts);
    tus = new Tus(ts);
  }

  @AfterAll
  static void stop() {
    tus.close();
    api.close();
    ts.close();
  }

  static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private Path staged(String id) {
    return ts.dataDir().resolve("uploads").resolve(id + ".part");
  }

  @Test
  void options_tellsVersionExtensionsAndLargestUpload() {
    Tus.Reply r = tus.options();
    assertThat(r.status()).isEqualTo(204);
    assertThat(r.header("Tus-Resumable")).isEqualTo("1.0.0");
    assertThat(r.header("Tus-Version")).isEqualTo("1.0.0");
    assertThat(r.header("Tus-Extension")).isEqualTo("creation,termination,expiration");
    assertThat(r.header("Tus-Max-Size")).isEqualTo(Long.toString(ts.server().media().library().maxBytes()));
  }

  @Test
  void create_makesAnUploadingItem_andTwoPatchesComplete_it() throws Exception {
    Api.Who ann = api.guest("Ann");
    byte[] data = Files.readAllBytes(MP4);
    Tus.Reply created = tus.create(ann.token(), data.length, Map.of("filename", "C:\\films\\Holiday 2024.mp4",
        "filetype", "video/mp4", "sha256", Tus.sha256(data)));
    assertThat(created.status()).isEqualTo(201);
    String id = created.header("Cowatch-Media-Id");
    assertThat(created.header("Location")).isEqualTo("/api/uploads/" + id);
    assertThat(created.header("Upload-Expires")).endsWith("GMT");
    assertThat(created.header("Tus-Resumable")).isEqualTo("1.0.0");

    Api.Reply item = api.call("GET", "/api/media/" + id, null, ann.token());
    assertThat(item.json().get("status").asText()).isEqualTo("uploading");
    assertThat(item.json().get("title").asText()).as("from the file name").isEqualTo("Holiday 2024");
    assertThat(item.json().get("sizeBytes").asLong()).isEqualTo(data.length);
    assertThat(item.json().get("receivedBytes").asLong()).isZero();
    assertThat(item.json().get("progress").isNull()).isTrue();
    assertThat(item.json().get("posterUrl").isNull()).isTrue();
    assertThat(item.json().get("warnings")).isEmpty();

    Tus.Reply head = tus.head(ann.token(), id);
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.offset()).isZero();
    assertThat(head.header("Upload-Length")).isEqualTo(Integer.toString(data.length));
    assertThat(head.header("Cache-Control")).isEqualTo("no-store");

    int half = data.length / 2;
    Tus.Reply first = tus.patch(ann.token(), id, 0, data, 0, half);
    assertThat(first.status()).isEqualTo(204);
    assertThat(first.offset()).isEqualTo(half);
    assertThat(tus.head(ann.token(), id).offset()).isEqualTo(half);
    assertThat(api.call("GET", "/api/media/" + id, null, ann.token()).json().get("receivedBytes").asLong())
        .isEqualTo(half);

    Tus.Reply last = tus.patch(ann.token(), id, half, data, half, data.length);
    assertThat(last.status()).isEqualTo(204);
    assertThat(last.offset()).isEqualTo(data.length);
    await().atMost(Duration.ofSeconds(30)).until(() -> api.call("GET", "/api/media/" + id, null, ann.token()).json()
        .get("status").asText().equals("ready"));
    item = api.call("GET", "/api/media/" + id, null, ann.token());
    assertThat(item.json().get("sha256").asText()).isEqualTo(Tus.sha256(data));
    assertThat(item.json().get("receivedBytes").asLong()).isEqualTo(data.length);
    assertThat(tus.head(ann.token(), id).offset()).as("a client that lost the answer sees it is done")
        .isEqualTo(data.length);
    assertThat(staged(id)).doesNotExist();
    String url = api.call("POST", "/api/media/" + id + "/url", null, ann.token()).json().get("url").asText();
    Api.Reply streamed = api.call("GET", url, null, null);
    assertThat(streamed.status()).isEqualTo(200);
    assertThat(streamed.body().length()).isPositive();
  }

  @Test
  void onlyTheUploader_seesOrTouchesTheUpload() {
    Api.Who ann = api.guest("Ann");
    Api.Who eve = api.guest("Eve");
    byte[] data = random(1000, 1);
    String id = tus.created(ann.token(), data, "a.mp4", false);
    assertThat(tus.head(eve.token(), id).status()).isEqualTo(404);
    assertThat(tus.patch(eve.token(), id, 0, data, 0, 10).status()).isEqualTo(404);
    assertThat(tus.delete(eve.token(), id).status()).isEqualTo(404);
    assertThat(tus.head(null, id).status()).isEqualTo(401);
    assertThat(tus.create(null, 10, Map.of()).status()).isEqualTo(401);
    assertThat(tus.head(ann.token(), "nosuchupload1").status()).isEqualTo(404);
    assertThat(tus.head(ann.token(), id).offset()).isZero();
  }

  @Test
  void patch_atTheWrongOffset_409_withTheWrongType_415_withoutTusVersion_412() {
    Api.Who ann = api.guest("Ann");
    byte[] data = random(1000, 2);
    String id = tus.created(ann.token(), data, "a.mp4", false);
    assertThat(tus.patch(ann.token(), id, 0, data, 0, 100).status()).isEqualTo(204);

    Tus.Reply wrong = tus.patch(ann.token(), id, 50, data, 50, 150);
    assertThat(wrong.status()).isEqualTo(409);
    assertThat(wrong.problemType()).isEqualTo("offset-mismatch");
    assertThat(wrong.response().body()).contains("at byte 100");

    Tus.Reply badType = tus.send(tus.request("/api/uploads/" + id, ann.token()).header("Upload-Offset", "100")
        .header("Content-Type", "application/octet-stream")
        .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofByteArray(data, 100, 10)));
    assertThat(badType.status()).isEqualTo(415);

    Tus.Reply noVersion = tus.send(java.net.http.HttpRequest.newBuilder(ts.baseUri().resolve("/api/uploads/" + id))
        .header("Authorization", "Bearer " + ann.token()).header("Upload-Offset", "100")
        .header("Content-Type", "application/offset+octet-stream")
        .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofByteArray(data, 100, 10)));
    assertThat(noVersion.status()).isEqualTo(412);
    assertThat(noVersion.header("Tus-Version")).isEqualTo("1.0.0");

    Tus.Reply badOffset = tus.send(tus.request("/api/uploads/" + id, ann.token()).header("Upload-Offset", "-1")
        .header("Content-Type", "application/offset+octet-stream")
        .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofByteArray(data, 100, 10)));
    assertThat(badOffset.status()).isEqualTo(400);
    assertThat(tus.head(ann.token(), id).offset()).as("nothing refused was kept").isEqualTo(100);
  }

  @Test
  void patch_withMoreBytesThanDeclared_413_andKeepsNoneOfThem() {
    Api.Who ann = api.guest("Ann");
    byte[] data = random(1000, 3);
    String id = tus.created(ann.token(), data, "a.mp4", false);
    tus.patch(ann.token(), id, 0, data, 0, 900);
    byte[] more = random(200, 4);
    Tus.Reply r = tus.patch(ann.token(), id, 900, more, 0, 200);
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.problemType()).isEqualTo("upload-too-long");
    assertThat(tus.head(ann.token(), id).offset()).isEqualTo(900);
  }

  @Test
  void creation_refusesBadLengthOrMetadata_400() {
    Api.Who ann = api.guest("Ann");
    for (String length : new String[] {"", "-5", "abc", "0", "1.5", "99999999999999999999"}) {
      Tus.Reply r = tus.send(tus.request("/api/uploads", ann.token()).header("Upload-Length", length.isEmpty() ? " " : length)
          .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
      assertThat(r.status()).as("Upload-Length '" + length + "'").isEqualTo(400);
      assertThat(r.problemType()).isEqualTo("invalid-upload");
    }
    Tus.Reply badMeta = tus.send(tus.request("/api/uploads", ann.token()).header("Upload-Length", "10")
        .header("Upload-Metadata", "filename not-base64!").POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
    assertThat(badMeta.status()).isEqualTo(400);
    assertThat(badMeta.response().body()).contains("filename");
    Tus.Reply badSha = tus.create(ann.token(), 10, Map.of("sha256", "abc"));
    assertThat(badSha.status()).isEqualTo(400);
    assertThat(api.call("GET", "/api/media", null, ann.token()).json().get("items")).as("nothing was created")
        .isEmpty();
  }

  @Test
  void aFileOverTheMaximum_isRefusedAtCreation_413() {
    Api.Who ann = api.guest("Ann");
    Tus.Reply r = tus.create(ann.token(), ts.server().media().library().maxBytes() + 1, Map.of("filename", "huge.mkv"));
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.problemType()).isEqualTo("media-too-large");
  }

  @Test
  void checksumMismatch_460_discardsTheUploadAndItsItem() throws Exception {
    Api.Who ann = api.guest("Ann");
    byte[] data = random(5000, 5);
    Tus.Reply created = tus.create(ann.token(), data.length, Tus.meta("a.mp4", Tus.sha256(random(5000, 6))));
    String id = created.header("Cowatch-Media-Id");
    assertThat(tus.patch(ann.token(), id, 0, data, 0, 2000).status()).isEqualTo(204);
    Tus.Reply last = tus.patch(ann.token(), id, 2000, data, 2000, data.length);
    assertThat(last.status()).isEqualTo(460);
    assertThat(last.problemType()).isEqualTo("checksum-mismatch");
    assertThat(last.response().body()).contains(Tus.sha256(data));

    assertThat(tus.head(ann.token(), id).status()).isEqualTo(404);
    assertThat(api.call("GET", "/api/media/" + id, null, ann.token()).status()).isEqualTo(404);
    assertThat(staged(id)).doesNotExist();
    assertThat(ts.server().media().library().store().list(MediaKeys.itemPrefix(id))).isEmpty();
  }

  @Test
  void termination_removesThePartialFileAndTheItem() throws Exception {
    Api.Who ann = api.guest("Ann");
    byte[] data = random(3000, 7);
    String id = tus.created(ann.token(), data, "a.mp4", true);
    tus.patch(ann.token(), id, 0, data, 0, 1000);
    assertThat(staged(id)).exists();
    assertThat(tus.delete(ann.token(), id).status()).isEqualTo(204);
    assertThat(staged(id)).doesNotExist();
    assertThat(api.call("GET", "/api/media/" + id, null, ann.token()).status()).isEqualTo(404);
    assertThat(tus.head(ann.token(), id).status()).isEqualTo(404);
    assertThat(ts.server().media().library().store().list(MediaKeys.itemPrefix(id))).isEmpty();
  }

  @Test
  void aConnectionCutMidPatch_keepsWhatArrived_andTheUploadResumesThere() throws Exception {
    Api.Who ann = api.guest("Ann");
    byte[] data = Files.readAllBytes(MP4);
    String id = tus.created(ann.token(), data, "cut.mp4", true);
    int sent = 10_000;
    try (Socket socket = new Socket("127.0.0.1", ts.server().port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("PATCH /api/uploads/" + id + " HTTP/1.1\r\nHost: 127.0.0.1\r\nTus-Resumable: 1.0.0\r\n"
          + "Authorization: Bearer " + ann.token() + "\r\nUpload-Offset: 0\r\n"
          + "Content-Type: application/offset+octet-stream\r\nContent-Length: " + data.length + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.write(data, 0, sent);
      out.flush();
      // While this PATCH is open, another one for the same upload is turned away.
      await().atMost(Duration.ofSeconds(10)).until(() -> "upload-busy".equals(
          tus.patch(ann.token(), id, 0, data, 0, 0).problemType()));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> tus.head(ann.token(), id).offset() == sent);
    assertThat(Files.size(staged(id))).isEqualTo(sent);

    Tus.Reply rest = tus.patch(ann.token(), id, sent, data, sent, data.length);
    assertThat(rest.status()).as(rest.response().body()).isEqualTo(204);
    await().atMost(Duration.ofSeconds(30)).until(() -> api.call("GET", "/api/media/" + id, null, ann.token()).json()
        .get("status").asText().equals("ready"));
    assertThat(ts.server().media().library().get(new UserId(ann.userId()), id).sha256()).isEqualTo(Tus.sha256(data));
  }

  @Test
  void aLargePatch_isStreamed_pastTheCheckpoints() throws Exception {
    Api.Who ann = api.guest("Ann");
    byte[] data = random(40 * 1024 * 1024, 8);
    String id = tus.upload(ann.token(), data, "noise.mp4");
    assertThat(tus.head(ann.token(), id).offset()).isEqualTo(data.length);
    await().atMost(Duration.ofSeconds(30)).until(() -> api.call("GET", "/api/media/" + id, null, ann.token()).json()
        .get("status").asText().equals("failed"));
    assertThat(api.call("GET", "/api/media/" + id, null, ann.token()).json().get("failureMessage").asText())
        .contains("cannot be read as a video");
  }
}
