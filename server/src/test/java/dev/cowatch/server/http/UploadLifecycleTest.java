package dev.cowatch.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowatch.core.FakeClock;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.media.MediaKeys;
import dev.cowatch.server.media.probe.MediaToolsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Uploads across time and restarts, and with tools missing: the quota, expiry (a fake clock), resuming after a
 * restart at the stored offset, processing taken up again after a restart, and uploads without ffprobe/ffmpeg.
 */
class UploadLifecycleTest {
  static final Path MEDIA = Path.of("src/test/resources/media");

  @Test
  void theQuota_isCheckedAtCreation_countingUnfinishedUploadsAtTheirLength() {
    try (TestServer ts = new TestServer(TestServer.tempDir(), c -> c.media(m -> m.withQuotaBytes(10_000)),
        Clock.systemUTC()); Api api = new Api(ts); Tus tus = new Tus(ts)) {
      Api.Who ann = api.guest("Ann");
      Api.Who bob = api.guest("Bob");
      String first = tus.created(ann.token(), new byte[6_000], "a.mp4", false);
      Tus.Reply over = tus.create(ann.token(), 4_001, Map.of("filename", "b.mp4"));
      assertThat(over.status()).isEqualTo(413);
      assertThat(over.problemType()).isEqualTo("quota-exceeded");
      assertThat(over.response().body()).contains("only 4000 of your 10000 bytes are left");
      assertThat(tus.create(bob.token(), 10_000, Map.of()).status()).as("each identity has its own").isEqualTo(201);
      assertThat(tus.create(ann.token(), 4_000, Map.of()).status()).isEqualTo(201);
      assertThat(tus.delete(ann.token(), first).status()).isEqualTo(204);
      assertThat(tus.create(ann.token(), 6_000, Map.of()).status()).as("deleting frees it").isEqualTo(201);
    }
  }

  /** A guest whose session is refreshed after the fake clock moves (access tokens live 15 minutes). */
  private static final class Guest {
    private final Api api;
    private String refreshToken;
    private Api.Who who;

    Guest(Api api, String name) {
      this.api = api;
      Api.Reply r = api.call("POST", "/api/auth/guest", "{\"displayName\":\"" + name + "\"}", null);
      who = new Api.Who(r.json().at("/user/id").asText(), r.json().get("accessToken").asText(), name);
      refreshToken = r.json().get("refreshToken").asText();
    }

    String token() {
      Api.Reply r = api.call("POST", "/api/auth/refresh", "{\"refreshToken\":\"" + refreshToken + "\"}", null);
      refreshToken = r.json().get("refreshToken").asText();
      return r.json().get("accessToken").asText();
    }
  }

  @Test
  void anUnfinishedUpload_expires_andTheSweepRemovesItsFileAndItem() throws Exception {
    FakeClock clock = FakeClock.atFixedStart();
    try (TestServer ts = new TestServer(TestServer.tempDir(), c -> c, clock); Api api = new Api(ts);
         Tus tus = new Tus(ts)) {
      Guest ann = new Guest(api, "Ann");
      byte[] data = UploadTusTest.random(2_000, 9);
      String id = tus.created(ann.token(), data, "slow.mp4", true);
      assertThat(tus.head(ann.token(), id).header("Upload-Expires")).isEqualTo("Fri, 02 Jan 2026 00:00:00 GMT");
      clock.advance(Duration.ofHours(23));
      Tus.Reply patched = tus.patch(ann.token(), id, 0, data, 0, 500);
      assertThat(patched.header("Upload-Expires")).as("each PATCH extends it").isEqualTo("Fri, 02 Jan 2026 23:00:00 GMT");
      clock.advance(Duration.ofHours(1));
      String kept = tus.created(ann.token(), data, "fresh.mp4", true);

      clock.advance(Duration.ofHours(22));
      assertThat(ts.server().media().uploads().sweep()).isZero();
      clock.advance(Duration.ofHours(1));
      assertThat(tus.head(ann.token(), id).status()).as("expired, not yet swept").isEqualTo(410);
      assertThat(ts.server().media().uploads().sweep()).isEqualTo(1);

      String token = ann.token();
      assertThat(tus.head(token, id).status()).isEqualTo(404);
      assertThat(api.call("GET", "/api/media/" + id, null, token).status()).isEqualTo(404);
      assertThat(ts.dataDir().resolve("uploads/" + id + ".part")).doesNotExist();
      assertThat(ts.server().media().library().store().list(MediaKeys.itemPrefix(id))).isEmpty();
      assertThat(tus.head(token, kept).status()).as("younger than a day").isEqualTo(200);
      assertThat(ts.dataDir().resolve("uploads/" + kept + ".part")).exists();
    }
  }

  @Test
  void afterARestart_anUploadResumesAtItsStoredOffset() throws Exception {
    Path dir = TestServer.tempDir();
    byte[] data = Files.readAllBytes(MEDIA.resolve("h264-aac.mp4"));
    String token;
    String id;
    try (TestServer first = new TestServer(dir, c -> c, Clock.systemUTC()); Api api = new Api(first);
         Tus tus = new Tus(first)) {
      token = api.guest("Ann").token();
      id = tus.created(token, data, "film.mp4", true);
      assertThat(tus.patch(token, id, 0, data, 0, 12_345).status()).isEqualTo(204);
    }
    // A crash after the bytes were written but before their offset was: they are cut off again.
    Files.write(dir.resolve("uploads/" + id + ".part"), new byte[100], java.nio.file.StandardOpenOption.APPEND);
    try (TestServer second = new TestServer(dir, c -> c, Clock.systemUTC()); Api api = new Api(second);
         Tus tus = new Tus(second)) {
      assertThat(tus.head(token, id).offset()).isEqualTo(12_345);
      assertThat(tus.patch(token, id, 12_345, data, 12_345, data.length).status()).isEqualTo(204);
      await().atMost(Duration.ofSeconds(30)).until(() -> api.call("GET", "/api/media/" + id, null, token).json()
          .get("status").asText().equals("ready"));
      assertThat(api.call("GET", "/api/media/" + id, null, token).json().get("sha256").asText())
          .isEqualTo(Tus.sha256(data));
    }
  }

  @Test
  void anUploadWhoseLastBytesWereRecorded_butNotCompleted_isCompletedByHead() throws Exception {
    try (TestServer ts = new TestServer(TestServer.tempDir(), c -> c, Clock.systemUTC()); Api api = new Api(ts);
         Tus tus = new Tus(ts)) {
      Api.Who ann = api.guest("Ann");
      byte[] data = Files.readAllBytes(MEDIA.resolve("h264-aac.mp4"));
      String id = tus.created(ann.token(), data, "film.mp4", true);
      // What a crash between recording the last bytes and completing the upload leaves behind.
      Files.write(ts.dataDir().resolve("uploads/" + id + ".part"), data);
      new dev.cowatch.server.media.jdbc.JdbcMediaRepository(ts.server().database().jdbi())
          .updateReceived(id, data.length, System.currentTimeMillis() + 60_000);

      Tus.Reply head = tus.head(ann.token(), id);
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.offset()).isEqualTo(data.length);
      await().atMost(Duration.ofSeconds(30)).until(() -> api.call("GET", "/api/media/" + id, null, ann.token()).json()
          .get("status").asText().equals("ready"));
    }
  }

  @Test
  void processingInterruptedByAShutdown_isTakenUpAgainAtTheNextStart() throws Exception {
    Path dir = TestServer.tempDir();
    Path hanging = Files.createTempDirectory("tools").resolve("ffprobe");
    Files.writeString(hanging, "#!/usr/bin/env bash\nif [ \"$1\" = -version ]; then echo 'ffprobe version 9-hangs'; "
        + "exit 0; fi\nsleep 60\n");
    Files.setPosixFilePermissions(hanging, PosixFilePermissions.fromString("rwxr-xr-x"));
    byte[] data = Files.readAllBytes(MEDIA.resolve("h264-aac.mp4"));
    String token;
    String id;
    try (TestServer first = new TestServer(dir, c -> c.media(m -> m.withTools(
        MediaToolsConfig.DEFAULTS.withFfprobe(hanging))), Clock.systemUTC()); Api api = new Api(first);
         Tus tus = new Tus(first)) {
      token = api.guest("Ann").token();
      id = tus.upload(token, data, "film.mp4");
      assertThat(api.call("GET", "/api/media/" + id, null, token).json().get("status").asText()).isEqualTo("processing");
    }
    try (TestServer second = new TestServer(dir, c -> c, Clock.systemUTC()); Api api = new Api(second)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> api.call("GET", "/api/media/" + id, null, token).json()
          .get("status").asText().equals("ready"));
      JsonNode item = api.call("GET", "/api/media/" + id, null, token).json();
      assertThat(item.get("videoCodec").asText()).isEqualTo("h264");
      assertThat(dir.resolve("uploads/" + id + ".part")).doesNotExist();
    }
  }

  @Test
  void withoutFfprobeOrFfmpeg_anUploadIsReady_withAWarningSayingWhatIsMissing() throws Exception {
    Path nowhere = Path.of("/nonexistent/cowatch-tools");
    try (TestServer ts = new TestServer(TestServer.tempDir(), c -> c.media(m -> m.withTools(
        MediaToolsConfig.DEFAULTS.withFfprobe(nowhere.resolve("ffprobe")).withFfmpeg(nowhere.resolve("ffmpeg")))),
        Clock.systemUTC()); Api api = new Api(ts); Tus tus = new Tus(ts)) {
      Api.Who ann = api.guest("Ann");
      JsonNode limits = api.call("GET", "/api/media/limits", null, ann.token()).json();
      assertThat(limits.at("/tools/probing").asBoolean()).isFalse();
      assertThat(limits.at("/tools/converting").asBoolean()).isFalse();

      JsonNode item = UploadPipelineTest.uploaded(api, tus, ann, MEDIA.resolve("hevc-ac3.mkv"));
      assertThat(item.get("status").asText()).isEqualTo("ready");
      assertThat(item.get("warnings").toString()).contains("ffprobe at /nonexistent/cowatch-tools/ffprobe is not an "
          + "executable file", "uploads are stored without checks");
      assertThat(item.get("posterUrl").isNull()).isTrue();
      assertThat(item.has("videoCodec")).as("not inspected").isFalse();
      // Only the original as it came, and its file id (for desktop players' own copies): nothing made from it.
      String id = item.get("id").asText();
      assertThat(ts.server().media().library().store().list(MediaKeys.itemPrefix(id)))
          .containsExactlyInAnyOrder("media/" + id + "/original", "media/" + id + "/file-id");
    }
  }

  @Test
  void withFfprobeButWithoutFfmpeg_aVideoBrowsersCannotPlay_isReadyUnconverted_withWarnings() throws Exception {
    try (TestServer ts = new TestServer(TestServer.tempDir(), c -> c.media(m -> m.withTools(
        MediaToolsConfig.DEFAULTS.withFfmpeg(Path.of("/nonexistent/ffmpeg")))), Clock.systemUTC());
         Api api = new Api(ts); Tus tus = new Tus(ts)) {
      Api.Who ann = api.guest("Ann");
      JsonNode item = UploadPipelineTest.uploaded(api, tus, ann, MEDIA.resolve("hevc-ac3.mkv"));
      assertThat(item.get("status").asText()).isEqualTo("ready");
      assertThat(item.get("videoCodec").asText()).isEqualTo("hevc");
      assertThat(item.get("warnings").toString()).contains(
          "not converted: HEVC (H.265) video with AC-3 audio in Matroska (MKV) may not play in browsers",
          "ffmpeg at /nonexistent/ffmpeg is not an executable file");
      JsonNode still = UploadPipelineTest.uploaded(api, tus, ann, MEDIA.resolve("still.png"));
      assertThat(still.get("status").asText()).as("still checked").isEqualTo("failed");
    }
  }
}
