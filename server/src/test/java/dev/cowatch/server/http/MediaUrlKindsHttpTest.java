package dev.cowatch.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowatch.core.room.UserId;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.media.MediaItem;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A signed media URL opens the one file it was signed for (issue 51, finding 2): a room preview's poster URL,
 * signed as the owner and handed to anyone who sees the preview, must not stream the film when its path says
 * {@code /stream}; nor a stream URL open a subtitle, nor one track's URL another track. Real server, real ffmpeg
 * for the poster.
 */
class MediaUrlKindsHttpTest {
  private static TestServer ts;
  private static Api api;
  private static Tus tus;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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

  private static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(ts.baseUri().resolve(path)).timeout(Duration.ofSeconds(10));
    if (headers.length > 0) b.headers(headers);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String problemType(HttpResponse<byte[]> r) {
    String body = new String(r.body(), StandardCharsets.UTF_8);
    int at = body.indexOf("problems/");
    return at < 0 ? body : body.substring(at + 9, body.indexOf('"', at));
  }

  @Test
  void thePreviewsPosterUrl_withStreamInItsPath_isRefused_andStillShowsThePoster() throws Exception {
    Api.Who ann = api.account("Ann");
    JsonNode item = UploadPipelineTest.uploaded(api, tus, ann, UploadPipelineTest.MEDIA.resolve("h264-aac.mp4"));
    assertThat(item.get("hasPoster").asBoolean()).isTrue();
    String id = item.get("id").asText();
    String room = api.call("POST", "/api/rooms", "{\"name\":\"Ann's film\",\"visibility\":\"public\",\"mediaId\":"
        + "\"media:" + id + "\"}", ann.token()).json().get("id").asText();
    String poster = api.call("GET", "/api/rooms/" + room + "/preview", null, null).json()
        .at("/details/playing/posterPath").asText();
    assertThat(poster).startsWith("/api/media/" + id + "/poster?u=" + ann.userId() + "&");

    HttpResponse<byte[]> image = get(poster);
    HttpResponse<byte[]> film = get(poster.replace("/poster?", "/stream?"));
    HttpResponse<byte[]> part = get(poster.replace("/poster?", "/stream?"), "Range", "bytes=0-");

    assertThat(film.statusCode()).isEqualTo(403);
    assertThat(problemType(film)).isEqualTo("invalid-media-url");
    assertThat(part.statusCode()).isEqualTo(403);
    assertThat(image.statusCode()).isEqualTo(200);
    assertThat(image.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    assertThat(image.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(image.headers().firstValue("Content-Security-Policy")).hasValue("sandbox; default-src 'none'");
    assertThat(film.headers().firstValue("Content-Security-Policy")).hasValue("sandbox; default-src 'none'");
  }

  @Test
  void theOwnersStreamAndPosterUrls_openOnlyTheirOwnFile() throws Exception {
    Api.Who ann = api.account("Ann");
    JsonNode item = UploadPipelineTest.uploaded(api, tus, ann, UploadPipelineTest.MEDIA.resolve("h264-aac.mp4"));
    JsonNode urls = api.call("POST", "/api/media/" + item.get("id").asText() + "/url", null, ann.token()).json();
    String stream = urls.get("url").asText();
    String poster = urls.get("posterUrl").asText();

    assertThat(get(stream).statusCode()).isEqualTo(200);
    assertThat(get(poster).statusCode()).isEqualTo(200);
    assertThat(get(stream.replace("/stream?", "/poster?")).statusCode()).isEqualTo(403);
    assertThat(get(poster.replace("/poster?", "/stream?")).statusCode()).isEqualTo(403);
    // The listing's poster URL (the owner's library page) is a poster URL too.
    String listed = api.call("GET", "/api/media/" + item.get("id").asText(), null, ann.token()).json()
        .get("posterUrl").asText();
    assertThat(get(listed.replace("/poster?", "/stream?")).statusCode()).isEqualTo(403);
  }

  @Test
  void aSubtitleUrl_opensOnlyItsTrack_andNoOtherUrlOpensIt() throws Exception {
    Api.Who ann = api.account("Ann");
    MediaItem film = ts.server().media().library().importFile(new UserId(ann.userId()), "Film", "film.mp4",
        "video/mp4", new ByteArrayInputStream(new byte[64]), 64);
    String base = "/api/media/" + film.id();
    String first = subtitle(film.id(), ann, "1\n00:00:01,000 --> 00:00:02,000\nOne\n");
    String second = subtitle(film.id(), ann, "1\n00:00:01,000 --> 00:00:02,000\nTwo\n");
    String stream = api.call("POST", base + "/url", null, ann.token()).json().get("url").asText();
    String firstPath = first.substring(0, first.indexOf('?'));
    String secondPath = second.substring(0, second.indexOf('?'));

    HttpResponse<byte[]> vtt = get(first);
    assertThat(vtt.statusCode()).isEqualTo(200);
    assertThat(vtt.headers().firstValue("Content-Type")).hasValue("text/vtt; charset=utf-8");
    assertThat(vtt.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(vtt.headers().firstValue("Content-Security-Policy")).hasValue("sandbox; default-src 'none'");
    assertThat(get(second).statusCode()).isEqualTo(200);

    assertThat(get(secondPath + first.substring(first.indexOf('?'))).statusCode()).as("another track").isEqualTo(403);
    assertThat(get(firstPath + stream.substring(stream.indexOf('?'))).statusCode()).as("the stream's").isEqualTo(403);
    assertThat(get(base + "/stream" + first.substring(first.indexOf('?'))).statusCode()).as("on the stream")
        .isEqualTo(403);
    HttpResponse<byte[]> refused = get(secondPath + first.substring(first.indexOf('?')));
    assertThat(refused.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  private static String subtitle(String mediaId, Api.Who owner, String srt) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(ts.baseUri().resolve("/api/media/" + mediaId
        + "/subtitles")).header("Authorization", "Bearer " + owner.token()).header("Content-Type",
        "application/x-subrip").POST(HttpRequest.BodyPublishers.ofString(srt)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).get("url").asText();
  }
}
