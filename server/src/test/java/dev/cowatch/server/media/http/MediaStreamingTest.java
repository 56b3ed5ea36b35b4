package dev.cowatch.server.media.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowatch.core.room.UserId;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.http.Api;
import dev.cowatch.server.media.MediaItem;
import dev.cowatch.server.media.MediaUrls;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET/HEAD /api/media/{id}/stream} over real HTTP: ranges, conditionals, signatures. */
class MediaStreamingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SIZE = 100_000;
  private static final byte[] DATA = new byte[SIZE];
  private static TestServer ts;
  private static Api api;
  private static HttpClient http;
  private static Api.Who owner;
  private static MediaItem item;
  private static String url;

  @BeforeAll
  static void start() throws Exception {
    new Random(42).nextBytes(DATA);
    ts = new TestServer();
    api = new Api(ts);
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    owner = api.account("Olga");
    item = ts.server().media().library().importFile(new UserId(owner.userId()), "Clip", "clip.mp4", "video/mp4",
        new ByteArrayInputStream(DATA), SIZE);
    Api.Reply r = api.call("POST", "/api/media/" + item.id() + "/url", null, owner.token());
    assertThat(r.status()).isEqualTo(200);
    url = r.json().get("url").asText();
  }

  @AfterAll
  static void stop() {
    http.close();
    api.close();
    ts.close();
  }

  @Test
  void noRange_200_wholeFile_withEveryHeader() throws Exception {
    HttpResponse<byte[]> r = send("GET", url);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(DATA);
    assertThat(header(r, "Accept-Ranges")).isEqualTo("bytes");
    assertThat(header(r, "Content-Length")).isEqualTo(String.valueOf(SIZE));
    assertThat(header(r, "Content-Type")).isEqualTo("video/mp4");
    assertThat(header(r, "ETag")).isEqualTo("\"" + item.sha256() + "\"");
    assertThat(header(r, "Cache-Control")).isEqualTo("private");
    assertThat(header(r, "Last-Modified")).isEqualTo(MediaStream.HTTP_DATE.format(
        Instant.ofEpochSecond(item.createdAt() / 1000)));
    assertThat(r.headers().firstValue("Content-Range")).isEmpty();
  }

  /** header | status | first | last (of the body; -1: none) */
  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      bytes=0-99|206|0|99
      bytes=0-0|206|0|0
      bytes=500-|206|500|99999
      bytes=-500|206|99500|99999
      bytes=-200000|206|0|99999
      bytes=99999-|206|99999|99999
      bytes=90000-200000|206|90000|99999
      bytes=0-99999999999999999999|206|0|99999
      BYTES=10-19|206|10|19
      bytes=0-1,5-6|200|0|99999
      bytes=9-3|200|0|99999
      items=0-5|200|0|99999
      bytes=garbage|200|0|99999
      """)
  void range(String range, int status, int first, int last) throws Exception {
    HttpResponse<byte[]> r = send("GET", url, "Range", range);
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.body()).isEqualTo(Arrays.copyOfRange(DATA, first, last + 1));
    assertThat(header(r, "Content-Length")).isEqualTo(String.valueOf(last - first + 1));
    if (status == 206) {
      assertThat(header(r, "Content-Range")).isEqualTo("bytes " + first + "-" + last + "/" + SIZE);
    } else {
      assertThat(r.headers().firstValue("Content-Range")).isEmpty();
    }
  }

  @ParameterizedTest
  @CsvSource({"bytes=100000-", "bytes=200000-300000", "bytes=-0"})
  void unsatisfiable_416_withStarContentRange(String range) throws Exception {
    HttpResponse<byte[]> r = send("GET", url, "Range", range);
    assertThat(r.statusCode()).isEqualTo(416);
    assertThat(header(r, "Content-Range")).isEqualTo("bytes */" + SIZE);
    assertThat(header(r, "Content-Type")).startsWith("application/problem+json");
    assertThat(JSON.readTree(r.body()).get("type").asText()).endsWith("/range-not-satisfiable");
  }

  @Test
  void head_givesTheHeadersOfGet_withoutBody() throws Exception {
    HttpResponse<byte[]> whole = send("HEAD", url);
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).isEmpty();
    assertThat(header(whole, "Content-Length")).isEqualTo(String.valueOf(SIZE));
    assertThat(header(whole, "ETag")).isEqualTo("\"" + item.sha256() + "\"");
    HttpResponse<byte[]> part = send("HEAD", url, "Range", "bytes=10-19");
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.body()).isEmpty();
    assertThat(header(part, "Content-Range")).isEqualTo("bytes 10-19/" + SIZE);
    assertThat(header(part, "Content-Length")).isEqualTo("10");
  }

  @Test
  void ifRange_matchingEtagOrDate_honoursTheRange_otherwiseWholeFile() throws Exception {
    String etag = "\"" + item.sha256() + "\"";
    String date = MediaStream.HTTP_DATE.format(Instant.ofEpochSecond(item.createdAt() / 1000));
    String olderDate = MediaStream.HTTP_DATE.format(Instant.ofEpochSecond(item.createdAt() / 1000 - 60));
    assertThat(send("GET", url, "Range", "bytes=0-9", "If-Range", etag).statusCode()).isEqualTo(206);
    assertThat(send("GET", url, "Range", "bytes=0-9", "If-Range", date).statusCode()).isEqualTo(206);
    for (String stale : new String[] {"\"0000\"", "W/" + etag, olderDate, "not a date"}) {
      HttpResponse<byte[]> r = send("GET", url, "Range", "bytes=0-9", "If-Range", stale);
      assertThat(r.statusCode()).as(stale).isEqualTo(200);
      assertThat(r.body()).as(stale).hasSize(SIZE);
    }
  }

  @Test
  void ifNoneMatch_orIfModifiedSince_304() throws Exception {
    String etag = "\"" + item.sha256() + "\"";
    for (String match : new String[] {etag, "W/" + etag, "\"x\", " + etag, "*"}) {
      HttpResponse<byte[]> r = send("GET", url, "If-None-Match", match);
      assertThat(r.statusCode()).as(match).isEqualTo(304);
      assertThat(r.body()).isEmpty();
      assertThat(header(r, "ETag")).isEqualTo(etag);
    }
    assertThat(send("GET", url, "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
    String later = MediaStream.HTTP_DATE.format(Instant.ofEpochMilli(item.createdAt()).plusSeconds(60));
    assertThat(send("GET", url, "If-Modified-Since", later).statusCode()).isEqualTo(304);
    String earlier = MediaStream.HTTP_DATE.format(Instant.ofEpochMilli(item.createdAt()).minusSeconds(60));
    assertThat(send("GET", url, "If-Modified-Since", earlier).statusCode()).isEqualTo(200);
    assertThat(send("HEAD", url, "If-None-Match", etag).statusCode()).isEqualTo(304);
  }

  @Test
  void forgedAlteredOrMissingSignature_403() throws Exception {
    String sig = url.substring(url.indexOf("sig=") + 4);
    String flipped = (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1);
    String exp = url.replaceAll(".*exp=(\\d+).*", "$1");
    String[] bad = {
        url.replace("sig=" + sig, "sig=" + flipped),
        url.replace("exp=" + exp, "exp=" + (Long.parseLong(exp) + 1)),
        url.replace("u=" + owner.userId(), "u=u-somebody-else"),
        url.substring(0, url.indexOf('?')),
        url.replace("exp=" + exp, "exp=soon"),
    };
    for (String u : bad) {
      HttpResponse<byte[]> r = send("GET", u);
      assertThat(r.statusCode()).as(u).isEqualTo(403);
      assertThat(JSON.readTree(r.body()).get("type").asText()).as(u).endsWith("/invalid-media-url");
      assertThat(send("HEAD", u).statusCode()).as(u).isEqualTo(403);
    }
  }

  @Test
  void signatureOfAnotherItem_403() throws Exception {
    MediaItem other = ts.server().media().library().importFile(new UserId(owner.userId()), "Other", "o.mp4", "video/mp4",
        new ByteArrayInputStream(new byte[10]), 10);
    String swapped = url.replace("/api/media/" + item.id() + "/", "/api/media/" + other.id() + "/");
    assertThat(send("GET", swapped).statusCode()).isEqualTo(403);
  }

  @Test
  void expiredSignature_403() throws Exception {
    MediaUrls urls = new MediaUrls(ts.server().accounts().secrets().derive("media-url"));
    String expired = urls.sign(item.id(), new UserId(owner.userId()), System.currentTimeMillis() - 1_000).path();
    HttpResponse<byte[]> r = send("GET", expired);
    assertThat(r.statusCode()).isEqualTo(403);
    JsonNode problem = JSON.readTree(r.body());
    assertThat(problem.get("detail").asText()).contains("expired");
    String fresh = urls.sign(item.id(), new UserId(owner.userId()), System.currentTimeMillis() + 60_000).path();
    assertThat(send("GET", fresh, "Range", "bytes=0-0").statusCode()).isEqualTo(206);
  }

  @Test
  void emptyFile_200_withNoBody_andRanges416() throws Exception {
    MediaItem empty = ts.server().media().library().importFile(new UserId(owner.userId()), "Empty", "e.mp4", "video/mp4",
        new ByteArrayInputStream(new byte[0]), 0);
    String u = api.call("POST", "/api/media/" + empty.id() + "/url", null, owner.token()).json().get("url").asText();
    HttpResponse<byte[]> whole = send("GET", u);
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).isEmpty();
    assertThat(send("GET", u, "Range", "bytes=0-").statusCode()).isEqualTo(416);
    assertThat(send("GET", u, "Range", "bytes=-10").statusCode()).isEqualTo(200);
  }

  @Test
  void otherMethods_405_withAllow_andPathsBesideTheStreamGoOnToTheRoutes() throws Exception {
    for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
      HttpResponse<byte[]> r = send(method, url);
      assertThat(r.statusCode()).as(method).isEqualTo(405);
      assertThat(header(r, "Allow")).isEqualTo("GET, HEAD");
      assertThat(JSON.readTree(r.body()).get("type").asText()).endsWith("/method-not-allowed");
    }
    // The handler in front of the routes takes only /api/media/{id}/stream: the item's own route still answers.
    assertThat(send("GET", "/api/media/" + item.id()).statusCode()).isEqualTo(401);
    assertThat(send("GET", url.replace("/stream?", "/stream/more?")).statusCode()).isEqualTo(404);
    assertThat(send("GET", "/api/media//stream").statusCode()).isEqualTo(404);
  }

  @Test
  void everyAnswer_carriesARequestId_andKeepsAPlausibleOneFromTheProxy() throws Exception {
    String own = header(send("GET", url, "Range", "bytes=0-9"), "X-Request-Id");
    assertThat(own).matches("r[0-9a-z]+");
    assertThat(header(send("GET", url, "Range", "bytes=0-9", "X-Request-Id", "edge-42"), "X-Request-Id"))
        .isEqualTo("edge-42");
    assertThat(header(send("GET", url.replace("sig=", "sig=x")), "X-Request-Id")).matches("r[0-9a-z]+");
  }

  @Test
  void aQueryThatCannotBeDecoded_400() throws Exception {
    // Java's HttpClient will not send a malformed escape: written by hand.
    try (java.net.Socket socket = new java.net.Socket(ts.baseUri().getHost(), ts.baseUri().getPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET " + url.replace("sig=", "sig=%zz") + " HTTP/1.1\r\nHost: cowatch\r\n"
          + "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 400 ").contains("application/problem+json");
    }
  }

  /**
   * method | header | value | status: every answer of the route, bytes or not, keeps the browser from sniffing
   * and from running anything (issue 51, finding 3). {@code ETAG} stands for the item's ETag; {@code FORGED} for a
   * request whose signature is altered.
   */
  @ParameterizedTest(name = "[{index}] {0} {1}: {2} -> {3}")
  @CsvSource(delimiter = '|', textBlock = """
      GET|-|-|200
      HEAD|-|-|200
      GET|Range|bytes=0-99|206
      HEAD|Range|bytes=0-99|206
      GET|If-None-Match|ETAG|304
      GET|Range|bytes=200000-|416
      GET|FORGED|-|403
      PUT|-|-|405
      """)
  void everyAnswer_carriesNosniffAndTheSandbox(String method, String header, String value, int status)
      throws Exception {
    String path = header.equals("FORGED") ? url.replace("sig=", "sig=A") : url;
    String v = value.equals("ETAG") ? "\"" + item.sha256() + "\"" : value;
    HttpResponse<byte[]> r = header.equals("-") || header.equals("FORGED") ? send(method, path)
        : send(method, path, header, v);
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(header(r, "X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(header(r, "Content-Security-Policy")).isEqualTo("sandbox; default-src 'none'");
    if (status == 200 || status == 206) {
      assertThat(header(r, "Content-Type")).as("the type the item was imported as").isEqualTo("video/mp4");
      assertThat(r.headers().firstValue("Content-Disposition")).isEmpty();
    }
  }

  @Test
  void mediaIdOf_takesOnlyOneSegmentBetweenMediaAndStream() {
    assertThat(MediaStreamHandler.mediaIdOf("/api/media/m-1/stream")).isEqualTo("m-1");
    assertThat(MediaStreamHandler.mediaIdOf("/api/media/a/b/stream")).isNull();
    assertThat(MediaStreamHandler.mediaIdOf("/api/media//stream")).isNull();
    assertThat(MediaStreamHandler.mediaIdOf("/api/media/stream")).isNull();
    assertThat(MediaStreamHandler.mediaIdOf("/api/media/m-1/poster")).isNull();
    assertThat(MediaStreamHandler.mediaIdOf("/api/media/" + "x".repeat(65) + "/stream")).isNull();
    assertThat(MediaStreamHandler.mediaIdOf(null)).isNull();
  }

  private static HttpResponse<byte[]> send(String method, String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(ts.baseUri().resolve(path)).timeout(Duration.ofSeconds(10))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) b.headers(headers);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String header(HttpResponse<?> r, String name) {
    return r.headers().firstValue(name).orElse(null);
  }
}
