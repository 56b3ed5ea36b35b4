package dev.cowatch.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.media.MediaKeys;
import dev.cowatch.server.media.MediaStore;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What happens to an upload after its last byte, with the real ffprobe and ffmpeg on the 1 s test files
 * (src/test/resources/media, made by generate.sh): checked, converted when browsers cannot play it, a poster, the
 * details; a file that is not a video fails with the reason and keeps no bytes.
 */
class UploadPipelineTest {
  static final Path MEDIA = Path.of("src/test/resources/media");
  private static TestServer ts;
  private static Api api;
  private static Tus tus;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

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

  /** Uploads the file and waits until processing has ended; the item's JSON. */
  static JsonNode uploaded(Api api, Tus tus, Api.Who who, Path file) throws Exception {
    String id = tus.upload(who.token(), Files.readAllBytes(file), file.getFileName().toString());
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
      String status = api.call("GET", "/api/media/" + id, null, who.token()).json().get("status").asText();
      return status.equals("ready") || status.equals("failed");
    });
    return api.call("GET", "/api/media/" + id, null, who.token()).json();
  }

  private static HttpResponse<byte[]> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(ts.baseUri().resolve(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void aBrowserSafeVideo_isReadyAsItIs_withDetailsAndAPoster() throws Exception {
    Api.Who ann = api.guest("Ann");
    byte[] original = Files.readAllBytes(MEDIA.resolve("h264-aac.mp4"));
    JsonNode item = uploaded(api, tus, ann, MEDIA.resolve("h264-aac.mp4"));

    assertThat(item.get("status").asText()).isEqualTo("ready");
    assertThat(item.get("contentType").asText()).isEqualTo("video/mp4");
    assertThat(item.get("videoCodec").asText()).isEqualTo("h264");
    assertThat(item.get("audioCodec").asText()).isEqualTo("aac");
    assertThat(item.get("width").asInt()).isEqualTo(160);
    assertThat(item.get("height").asInt()).isEqualTo(120);
    assertThat(item.get("durationMs").asLong()).isBetween(900L, 1200L);
    assertThat(item.get("warnings")).isEmpty();
    assertThat(item.get("progress").isNull()).isTrue();
    assertThat(item.get("hasPoster").asBoolean()).isTrue();

    HttpResponse<byte[]> poster = get(item.get("posterUrl").asText());
    assertThat(poster.statusCode()).isEqualTo(200);
    assertThat(poster.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    assertThat(poster.body()).startsWith(0xFF, 0xD8); // JPEG
    assertThat(get(item.get("posterUrl").asText().replace("sig=", "sig=x")).statusCode()).isEqualTo(403);

    JsonNode urls = api.call("POST", "/api/media/" + item.get("id").asText() + "/url", null, ann.token()).json();
    assertThat(urls.get("posterUrl").asText()).startsWith("/api/media/" + item.get("id").asText() + "/poster?u=");
    HttpResponse<byte[]> stream = get(urls.get("url").asText());
    assertThat(stream.body()).isEqualTo(original);
    assertThat(stream.headers().firstValue("ETag")).hasValue("\"" + Tus.sha256(original) + "\"");
  }

  @Test
  void aVideoBrowsersCannotPlay_isConverted_andStreamingServesTheConvertedFile() throws Exception {
    Api.Who ann = api.guest("Ann");
    byte[] original = Files.readAllBytes(MEDIA.resolve("xvid-mp3.avi"));
    JsonNode item = uploaded(api, tus, ann, MEDIA.resolve("xvid-mp3.avi"));
    String id = item.get("id").asText();

    assertThat(item.get("status").asText()).as(item.toString()).isEqualTo("ready");
    assertThat(item.get("videoCodec").asText()).as("the original's").isEqualTo("mpeg4");
    assertThat(item.get("sha256").asText()).isEqualTo(Tus.sha256(original));
    assertThat(item.get("warnings").toString()).contains("converted from MPEG-4 Part 2 (XviD/DivX) video");
    MediaStore store = ts.server().media().library().store();
    assertThat(store.list(MediaKeys.itemPrefix(id))).containsExactly("media/" + id + "/file-id",
        "media/" + id + "/original", "media/" + id + "/playable.mp4", "media/" + id + "/poster.jpg");
    // Recorded at processing, of the original (what the viewer has), not of the converted file.
    assertThat(api.call("GET", "/api/media/" + id + "/file-id", null, ann.token()).json().get("fileId").asText())
        .isEqualTo(dev.cowatch.protocol.FileMediaId.ofFile(MEDIA.resolve("xvid-mp3.avi")).mediaId());

    HttpResponse<byte[]> stream = get(api.call("POST", "/api/media/" + id + "/url", null, ann.token()).json()
        .get("url").asText());
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.headers().firstValue("Content-Type")).hasValue("video/mp4");
    assertThat(stream.body()).isNotEqualTo(original);
    assertThat(stream.body().length).isEqualTo((int) store.size("media/" + id + "/playable.mp4").orElseThrow());
    assertThat(stream.headers().firstValue("ETag")).hasValue("\"" + Tus.sha256(stream.body()) + "\"");
    assertThat(new String(stream.body(), 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ftyp");

    // Deleting it removes the original, the converted file and the poster.
    assertThat(api.call("DELETE", "/api/media/" + id, null, ann.token()).status()).isEqualTo(204);
    assertThat(store.list(MediaKeys.itemPrefix(id))).isEmpty();
  }

  @Test
  void aStillImage_fails_withTheReason_andKeepsNoBytes() throws Exception {
    Api.Who ann = api.guest("Ann");
    JsonNode item = uploaded(api, tus, ann, MEDIA.resolve("still.png"));
    String id = item.get("id").asText();
    assertThat(item.get("status").asText()).isEqualTo("failed");
    assertThat(item.get("failureMessage").asText()).isEqualTo("This is a still image (PNG), not a video.");
    assertThat(ts.server().media().library().store().list(MediaKeys.itemPrefix(id))).isEmpty();
    assertThat(ts.dataDir().resolve("uploads/" + id + ".part")).doesNotExist();
    assertThat(api.call("POST", "/api/media/" + id + "/url", null, ann.token()).status()).isEqualTo(409);
    JsonNode limits = api.call("GET", "/api/media/limits", null, ann.token()).json();
    assertThat(limits.get("usedBytes").asLong()).as("a failed item holds no bytes").isZero();
  }

  @Test
  void aTextFile_namedLikeAVideo_fails() throws Exception {
    Api.Who ann = api.guest("Ann");
    JsonNode item = uploaded(api, tus, ann, MEDIA.resolve("text-renamed.mp4"));
    assertThat(item.get("status").asText()).isEqualTo("failed");
    assertThat(item.get("failureMessage").asText()).startsWith("This file cannot be read as a video");
  }

  @Test
  void limits_tellMaxFileQuotaUseAndTools() throws Exception {
    Api.Who ann = api.guest("Ann");
    String id = tus.created(ann.token(), new byte[1234], "x.mp4", false);
    JsonNode limits = api.call("GET", "/api/media/limits", null, ann.token()).json();
    assertThat(limits.get("maxFileBytes").asLong()).isEqualTo(ts.server().media().library().maxBytes());
    assertThat(limits.get("quotaBytes").asLong()).as("a guest's quota (an account has 20 GiB)").isEqualTo(1L << 30);
    assertThat(limits.get("usedBytes").asLong()).as("an unfinished upload at its declared length").isEqualTo(1234);
    assertThat(limits.at("/tools/probing").asBoolean()).isTrue();
    assertThat(limits.at("/tools/converting").asBoolean()).isTrue();
    assertThat(limits.at("/tools/message").asText()).contains("ffprobe", "ffmpeg");
    assertThat(api.call("GET", "/api/media/limits", null, null).status()).isEqualTo(401);
    tus.delete(ann.token(), id);
  }
}
