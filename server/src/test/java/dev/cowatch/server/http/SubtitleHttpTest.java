package dev.cowatch.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowatch.core.room.UserId;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.media.MediaItem;
import dev.cowatch.server.media.MediaKeys;
import dev.cowatch.server.media.subtitle.SubtitleTrack;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Subtitle tracks over real HTTP: upload (owner), list (whoever may stream), the signed file, delete. */
class SubtitleHttpTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUSSIAN_SRT = """
      1
      00:00:01,000 --> 00:00:02,500
      Привет, мир!

      2
      00:01:00,250 --> 00:01:02,000
      <font color="red">Пока</font> & <i>до встречи</i>
      """;
  private static final String RUSSIAN_VTT = """
      WEBVTT

      00:00:01.000 --> 00:00:02.500
      Привет, мир!

      00:01:00.250 --> 00:01:02.000
      Пока &amp; <i>до встречи</i>
      """;
  private static TestServer ts;
  private static Api api;
  private static HttpClient http;

  @BeforeAll
  static void start() {
    ts = new TestServer();
    api = new Api(ts);
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void stop() {
    http.close();
    api.close();
    ts.close();
  }

  private static MediaItem film(Api.Who owner) throws IOException {
    return ts.server().media().library().importFile(new UserId(owner.userId()), "Film", "film.mp4", "video/mp4",
        new ByteArrayInputStream(new byte[16]), 16);
  }

  /** A raw (not JSON) POST of {@code file} to the upload route. */
  private static Api.Reply upload(String mediaId, String query, byte[] file, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(ts.baseUri().resolve("/api/media/" + mediaId + "/subtitles" + query))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-subrip")
        .POST(HttpRequest.BodyPublishers.ofByteArray(file));
    if (token != null) b.header("Authorization", "Bearer " + token);
    return send(b.build());
  }

  private static Api.Reply send(HttpRequest request) {
    try {
      HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      String type = r.headers().firstValue("Content-Type").orElse("");
      String body = new String(r.body(), StandardCharsets.UTF_8);
      JsonNode json = type.contains("json") && !body.isEmpty() ? JSON.readTree(body) : null;
      return new Api.Reply(r.statusCode(), type, body, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static byte[] srt(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void owner_uploadsWindows1251Srt_andEveryoneAllowedGetsTheSameSafeWebVtt() {
    Api.Who ann = api.account("Ann");
    MediaItem m = assertDoesNotThrow(() -> film(ann));

    Api.Reply up = upload(m.id(), "?label=" + q("Русские") + "&language=ru", RUSSIAN_SRT.getBytes(Charset.forName("windows-1251")),
        ann.token());
    assertThat(up.status()).as(up.body()).isEqualTo(201);
    JsonNode track = up.json();
    assertThat(track.get("label").asText()).isEqualTo("Русские");
    assertThat(track.get("language").asText()).isEqualTo("ru");
    assertThat(track.get("cues").asInt()).isEqualTo(2);
    assertThat(track.get("sourceFormat").asText()).isEqualTo("srt");
    assertThat(track.get("sourceEncoding").asText()).isEqualTo("windows-1251");
    assertThat(track.get("warnings")).isEmpty();
    String trackId = track.get("id").asText();
    assertThat(track.get("url").asText()).startsWith("/api/media/" + m.id() + "/subtitles/" + trackId + ".vtt?u="
        + ann.userId() + "&exp=");

    Api.Reply list = api.call("GET", "/api/media/" + m.id() + "/subtitles", null, ann.token());
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().get("tracks")).hasSize(1);
    assertThat(list.json().at("/tracks/0/id").asText()).isEqualTo(trackId);

    Api.Reply file = api.call("GET", list.json().at("/tracks/0/url").asText(), null, null);
    assertThat(file.status()).isEqualTo(200);
    assertThat(file.contentType()).isEqualTo("text/vtt; charset=utf-8");
    assertThat(file.body()).isEqualTo(RUSSIAN_VTT);
    assertThat(assertDoesNotThrow(() -> ts.server().media().library().store().exists(SubtitleTrack.key(m.id(), trackId))))
        .isTrue();
  }

  @Test
  void list_isForTheOwnerAndRoomMembersOnly_eachWithTheirOwnSignature() {
    Api.Who ann = api.account("Ann");
    Api.Who bob = api.account("Bob");
    Api.Who eve = api.account("Eve");
    MediaItem m = assertDoesNotThrow(() -> film(ann));
    assertThat(upload(m.id(), "?language=en", srt("00:00:01,000 --> 00:00:02,000\nHi\n"), ann.token()).status())
        .isEqualTo(201);
    String path = "/api/media/" + m.id() + "/subtitles";

    assertThat(api.call("GET", path, null, bob.token()).problemType()).isEqualTo("media-not-allowed");
    assertThat(api.call("GET", path, null, null).status()).isEqualTo(401);
    assertThat(api.call("GET", "/api/media/nosuchmedia1/subtitles", null, ann.token()).problemType())
        .isEqualTo("media-not-found");

    String room = api.call("POST", "/api/rooms", "{\"mediaId\":\"media:" + m.id() + "\"}", ann.token()).json()
        .get("id").asText();
    assertThat(api.call("POST", "/api/rooms/" + room + "/access", "{}", bob.token()).status()).isEqualTo(200);
    Api.Reply bobs = api.call("GET", path, null, bob.token());
    assertThat(bobs.status()).isEqualTo(200);
    String url = bobs.json().at("/tracks/0/url").asText();
    assertThat(url).contains("?u=" + bob.userId() + "&exp=");
    assertThat(bobs.json().at("/tracks/0/label").asText()).as("the language when no label").isEqualTo("en");
    assertThat(api.call("GET", url, null, null).body()).isEqualTo("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n");
    assertThat(api.call("GET", path, null, eve.token()).status()).isEqualTo(403);

    // Only the owner changes the tracks, whoever else may watch.
    assertThat(upload(m.id(), "", srt("00:00:01,000 --> 00:00:02,000\nMine\n"), bob.token()).problemType())
        .isEqualTo("media-not-found");
    String trackId = bobs.json().at("/tracks/0/id").asText();
    assertThat(api.call("DELETE", path + "/" + trackId, null, bob.token()).status()).isEqualTo(404);
  }

  @Test
  void theFile_needsAValidSignature_forItsOwnMedia() {
    Api.Who ann = api.account("Ann");
    MediaItem m = assertDoesNotThrow(() -> film(ann));
    MediaItem other = assertDoesNotThrow(() -> film(ann));
    JsonNode track = upload(m.id(), "", srt("00:00:01,000 --> 00:00:02,000\nHi\n"), ann.token()).json();
    String url = track.get("url").asText();
    String query = url.substring(url.indexOf('?'));

    assertThat(api.call("GET", url.replaceAll("sig=[^&]+", "sig=forged"), null, null).problemType())
        .isEqualTo("invalid-media-url");
    assertThat(api.call("GET", url.replaceAll("exp=(\\d+)", "exp=1$1"), null, null).status()).isEqualTo(403);
    assertThat(api.call("GET", url.substring(0, url.indexOf('?')), null, null).problemType())
        .isEqualTo("invalid-media-url");
    // A URL is signed for one track: on any other track's path it is refused before the track is looked up.
    assertThat(api.call("GET", "/api/media/" + m.id() + "/subtitles/nosuchtrack1.vtt" + query, null, null)
        .problemType()).isEqualTo("invalid-media-url");
    // A URL signed for one item does not open another item's files.
    String otherUrl = upload(other.id(), "", srt("00:00:01,000 --> 00:00:02,000\nOther\n"), ann.token()).json()
        .get("url").asText();
    String trackOfOther = otherUrl.substring(otherUrl.lastIndexOf('/') + 1, otherUrl.indexOf(".vtt"));
    assertThat(api.call("GET", "/api/media/" + m.id() + "/subtitles/" + trackOfOther + ".vtt" + query, null, null)
        .problemType()).isEqualTo("invalid-media-url");
    assertThat(api.call("GET", "/api/media/" + other.id() + "/subtitles/" + trackOfOther + ".vtt" + query, null,
        null).problemType()).as("the signature is for the other item").isEqualTo("invalid-media-url");
  }

  @Test
  void badUploads_areRefusedClearly_andStoreNothing() throws IOException {
    Api.Who ann = api.account("Ann");
    MediaItem m = film(ann);
    Api.Reply neither = upload(m.id(), "", srt("just words, no timings\n"), ann.token());
    assertThat(neither.status()).isEqualTo(422);
    assertThat(neither.problemType()).isEqualTo("invalid-subtitles");
    assertThat(neither.json().get("detail").asText()).contains("neither SRT nor WebVTT");

    Api.Reply hours = upload(m.id(), "", srt("1\n100:00:00,000 --> 100:00:01,000\nx\n"), ann.token());
    assertThat(hours.json().get("detail").asText()).isEqualTo("line 2: a timestamp has at most 99 hours");

    byte[] big = new byte[2 * 1024 * 1024 + 1];
    java.util.Arrays.fill(big, (byte) 'a');
    Api.Reply tooLarge = upload(m.id(), "", big, ann.token());
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.problemType()).isEqualTo("subtitles-too-large");

    // Without a Content-Length (chunked), the limit holds while reading.
    HttpRequest chunked = HttpRequest.newBuilder(ts.baseUri().resolve("/api/media/" + m.id() + "/subtitles"))
        .header("Authorization", "Bearer " + ann.token())
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
    assertThat(send(chunked).problemType()).isEqualTo("subtitles-too-large");

    byte[] ok = srt("00:00:01,000 --> 00:00:02,000\nHi\n");
    assertThat(upload(m.id(), "?language=" + q("not a tag"), ok, ann.token()).problemType())
        .isEqualTo("invalid-subtitle-field");
    assertThat(upload(m.id(), "?label=" + "x".repeat(101), ok, ann.token()).problemType())
        .isEqualTo("invalid-subtitle-field");
    assertThat(upload(m.id(), "?label=" + q("a\u0007b"), ok, ann.token()).problemType())
        .isEqualTo("invalid-subtitle-field");
    assertThat(upload(m.id(), "", ok, null).status()).isEqualTo(401);
    assertThat(ts.server().media().library().store().list(MediaKeys.itemPrefix(m.id()) + "subtitles/")).isEmpty();
    assertThat(api.call("GET", "/api/media/" + m.id() + "/subtitles", null, ann.token()).json().get("tracks"))
        .isEmpty();
  }

  @Test
  void anyContentType_isTheFile_evenTheFormEncodingCurlSendsByDefault() throws IOException {
    Api.Who ann = api.account("Ann");
    MediaItem m = film(ann);
    HttpRequest asForm = HttpRequest.newBuilder(ts.baseUri().resolve("/api/media/" + m.id() + "/subtitles?label=Form"))
        .header("Authorization", "Bearer " + ann.token()).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("00:00:01,000 --> 00:00:02,000\na=b&c=d\n")).build();
    Api.Reply r = send(asForm);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().get("label").asText()).isEqualTo("Form");
    assertThat(api.call("GET", r.json().get("url").asText(), null, null).body())
        .isEqualTo("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\na=b&amp;c=d\n");
  }

  @Test
  void aBodyDeclaredFarTooLarge_isRefusedWithoutBeingRead() throws IOException {
    Api.Who ann = api.account("Ann");
    MediaItem m = film(ann);
    try (java.net.Socket socket = new java.net.Socket(ts.baseUri().getHost(), ts.baseUri().getPort())) {
      socket.setSoTimeout(10_000);
      String head = "POST /api/media/" + m.id() + "/subtitles HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
          + ann.token() + "\r\nContent-Type: application/x-subrip\r\nContent-Length: 1000000000\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String answer = new String(socket.getInputStream().readNBytes(400), StandardCharsets.ISO_8859_1);
      assertThat(answer).startsWith("HTTP/1.1 413").contains("subtitles-too-large");
    }
  }

  @Test
  void warnings_sayWhatWasSkipped() throws IOException {
    Api.Who ann = api.account("Ann");
    MediaItem m = film(ann);
    Api.Reply up = upload(m.id(), "", srt("1\n00:00:05,000 --> 00:00:04,000\nBackwards\n\n2\n00:00:06,000 --> "
        + "00:00:07,000\nFine\n"), ann.token());
    assertThat(up.status()).isEqualTo(201);
    assertThat(up.json().get("cues").asInt()).isEqualTo(1);
    assertThat(up.json().get("warnings").get(0).asText()).isEqualTo("line 2: the cue ends before it starts; skipped");
  }

  @Test
  void anItemHoldsAtMostTwentyTracks() throws IOException {
    Api.Who ann = api.account("Ann");
    MediaItem m = film(ann);
    byte[] ok = srt("00:00:01,000 --> 00:00:02,000\nHi\n");
    for (int i = 0; i < 20; i++) assertThat(upload(m.id(), "?label=t" + i, ok, ann.token()).status()).isEqualTo(201);
    Api.Reply full = upload(m.id(), "", ok, ann.token());
    assertThat(full.status()).isEqualTo(409);
    assertThat(full.problemType()).isEqualTo("too-many-subtitles");
    JsonNode tracks = api.call("GET", "/api/media/" + m.id() + "/subtitles", null, ann.token()).json().get("tracks");
    assertThat(tracks).hasSize(20);
    assertThat(tracks.get(0).get("label").asText()).as("oldest first").isEqualTo("t0");
    assertThat(ts.server().media().library().store().list(MediaKeys.itemPrefix(m.id()) + "subtitles/")).hasSize(20);
  }

  @Test
  void delete_removesTheFileThenTheTrack_andDeletingTheItemRemovesAllItsTracks() throws IOException {
    Api.Who ann = api.account("Ann");
    MediaItem m = film(ann);
    byte[] ok = srt("00:00:01,000 --> 00:00:02,000\nHi\n");
    JsonNode first = upload(m.id(), "", ok, ann.token()).json();
    JsonNode second = upload(m.id(), "", ok, ann.token()).json();
    String base = "/api/media/" + m.id() + "/subtitles/";

    assertThat(api.call("DELETE", base + "nosuchtrack1", null, ann.token()).problemType())
        .isEqualTo("subtitle-not-found");
    assertThat(api.call("DELETE", base + first.get("id").asText(), null, ann.token()).status()).isEqualTo(204);
    assertThat(api.call("GET", first.get("url").asText(), null, null).problemType()).isEqualTo("subtitle-not-found");
    assertThat(ts.server().media().library().store().exists(SubtitleTrack.key(m.id(), first.get("id").asText()))).isFalse();
    List<String> left = ids(api.call("GET", base.substring(0, base.length() - 1), null, ann.token()).json()
        .get("tracks"));
    assertThat(left).containsExactly(second.get("id").asText());

    assertThat(api.call("DELETE", "/api/media/" + m.id(), null, ann.token()).status()).isEqualTo(204);
    assertThat(ts.server().media().library().store().list(MediaKeys.itemPrefix(m.id()))).isEmpty();
    assertThat(ts.server().media().subtitles().roomMediaIdOf(second.get("id").asText())).as("the row went with the item")
        .isEmpty();
  }

  private static List<String> ids(JsonNode tracks) {
    List<String> ids = new java.util.ArrayList<>();
    for (Iterator<JsonNode> it = tracks.elements(); it.hasNext(); ) ids.add(it.next().get("id").asText());
    return ids;
  }

  private interface Io<T> {
    T get() throws IOException;
  }

  private static <T> T assertDoesNotThrow(Io<T> io) {
    try {
      return io.get();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
