package dev.cowatch.server.media.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.FakeClock;
import dev.cowatch.core.room.UserId;
import dev.cowatch.server.ReferenceNginx;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.http.Api;
import dev.cowatch.server.media.MediaConfig;
import dev.cowatch.server.media.MediaDelivery;
import dev.cowatch.server.media.MediaItem;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --media-accel-redirect} behind the real nginx, configured from the reference template
 * (deploy/single/nginx.conf.template): nginx sends the bytes of exactly the streams whose signed URL
 * Cowatch accepted, with Range, If-Range and the validators, and nothing else.
 */
class MediaAccelRedirectTest {
  private static final int SIZE = 200_000;
  private static final byte[] DATA = new byte[SIZE];
  private static final FakeClock CLOCK = FakeClock.atFixedStart();
  private static TestServer ts;
  private static ReferenceNginx nginx;
  private static HttpClient http;
  private static MediaItem item;
  private static UserId owner;

  @BeforeAll
  static void start() throws Exception {
    new Random(3).nextBytes(DATA);
    Path dir = TestServer.tempDir();
    ts = new TestServer(dir, c -> c.media(MediaConfig.local().withDelivery(
        new MediaDelivery("/internal-media/", false))), CLOCK);
    nginx = ReferenceNginx.start(dir.resolve("nginx"), Path.of("..", "deploy", "single", "nginx.conf.template"),
        dev.cowatch.server.ServerProcess.freePort(), java.util.Map.of("USER", System.getProperty("user.name"),
            "COWATCH", ts.baseUri().getHost() + ":" + ts.baseUri().getPort(),
            "MEDIA_DIR", dir.resolve("media").toRealPath().toString()));
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try (Api api = new Api(ts)) {
      owner = new UserId(api.account("Nadia").userId());
    }
    item = ts.server().media().library().importFile(owner, "Clip", "clip.mp4", "video/mp4",
        new ByteArrayInputStream(DATA), SIZE);
  }

  /** A URL as POST /api/media/{id}/url gives the owner, valid from the clock's now (one test moves it on). */
  private static String signedUrl() {
    return ts.server().media().library().issueUrl(owner, item.id()).path();
  }

  @AfterAll
  static void stop() {
    if (nginx != null) nginx.close();
    if (ts != null) ts.close();
  }

  private static HttpResponse<byte[]> get(URI base, String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
    if (headers.length > 0) b.headers(headers);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void aSignedUrl_isServedByNginx_withRangesAndCowatchsHeaders() throws Exception {
    String url = signedUrl();
    HttpResponse<byte[]> direct = get(ts.baseUri(), url, "Range", "bytes=10-19");
    assertThat(direct.statusCode()).as("Cowatch alone sends no bytes").isEqualTo(200);
    assertThat(direct.body()).isEmpty();
    assertThat(direct.headers().firstValue("X-Accel-Redirect")).hasValue("/internal-media/" + item.served().key());

    HttpResponse<byte[]> part = get(nginx.base(), url, "Range", "bytes=1000-1999");
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/" + SIZE);
    assertThat(part.body()).isEqualTo(Arrays.copyOfRange(DATA, 1000, 2000));
    assertThat(part.headers().firstValue("Content-Type")).hasValue("video/mp4");
    assertThat(part.headers().firstValue("Cache-Control")).hasValue("private");
    assertThat(part.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(part.headers().firstValue("Content-Security-Policy")).hasValue("sandbox; default-src 'none'");
    assertThat(part.headers().firstValue("Content-Disposition")).as("a checked video plays inline").isEmpty();
    assertThat(part.headers().firstValue("Accept-Ranges")).hasValue("bytes");
    assertThat(part.headers().firstValue("X-Accel-Redirect")).as("not shown to the client").isEmpty();
    String etag = part.headers().firstValue("ETag").orElseThrow();

    HttpResponse<byte[]> suffix = get(nginx.base(), url, "Range", "bytes=-500");
    assertThat(suffix.statusCode()).isEqualTo(206);
    assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(DATA, SIZE - 500, SIZE));

    HttpResponse<byte[]> sameCopy = get(nginx.base(), url, "Range", "bytes=0-99", "If-Range", etag);
    assertThat(sameCopy.statusCode()).isEqualTo(206);
    HttpResponse<byte[]> otherCopy = get(nginx.base(), url, "Range", "bytes=0-99", "If-Range", "\"other\"");
    assertThat(otherCopy.statusCode()).as("If-Range that does not match: the whole file").isEqualTo(200);
    assertThat(otherCopy.body()).isEqualTo(DATA);

    assertThat(get(nginx.base(), url, "If-None-Match", etag).statusCode()).isEqualTo(304);
    assertThat(get(nginx.base(), url, "Range", "bytes=" + SIZE + "-").statusCode()).isEqualTo(416);

    HttpResponse<Void> head = http.send(HttpRequest.newBuilder(nginx.base().resolve(url))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
  }

  /** Issue 51, finding 3, behind nginx: bytes stored with a declared document type go out as a download. */
  @Test
  void anItemOfADeclaredDocumentType_isSentByNginxAsAnAttachment_thatCannotRun() throws Exception {
    byte[] page = "<script>alert(localStorage.length)</script>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    MediaItem html = ts.server().media().library().importFile(owner, "Page", "page.html", "text/html",
        new ByteArrayInputStream(page), page.length);
    String url = ts.server().media().library().issueUrl(owner, html.id()).path();

    HttpResponse<byte[]> direct = get(ts.baseUri(), url);
    HttpResponse<byte[]> whole = get(nginx.base(), url);

    assertThat(direct.headers().firstValue("Content-Disposition")).hasValue("attachment");
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo(page);
    assertThat(whole.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    assertThat(whole.headers().firstValue("Content-Disposition")).hasValue("attachment");
    assertThat(whole.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(whole.headers().firstValue("Content-Security-Policy")).hasValue("sandbox; default-src 'none'");
  }

  @Test
  void aTamperedUrl_isRefusedThroughNginx_exactlyAsByCowatchAlone() throws Exception {
    String url = signedUrl();
    String sig = url.substring(url.indexOf("sig=") + 4);
    char flipped = sig.charAt(0) == 'A' ? 'B' : 'A';
    String forged = url.replace("sig=" + sig, "sig=" + flipped + sig.substring(1));
    String otherUser = url.replaceFirst("u=[^&]+", "u=u-someone-else");
    String noSignature = url.substring(0, url.indexOf("&sig="));
    for (String bad : new String[] {forged, otherUser, noSignature}) {
      assertRefusedAlike(bad, 403);
    }
  }

  @Test
  void anExpiredUrl_isRefusedThroughNginx_exactlyAsByCowatchAlone() throws Exception {
    String expiring = signedUrl();
    assertThat(get(nginx.base(), expiring, "Range", "bytes=0-9").statusCode()).isEqualTo(206);
    CLOCK.advance(MediaConfig.DEFAULT_URL_LIFETIME.plusSeconds(1));
    assertRefusedAlike(expiring, 403);
    assertThat(new String(get(nginx.base(), expiring).body())).contains("expired");
  }

  @Test
  void theInternalLocation_isNotReachableFromOutside() throws Exception {
    HttpResponse<byte[]> r = get(nginx.base(), "/internal-media/" + item.served().key(), "Range", "bytes=0-9");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).isNotEqualTo(Arrays.copyOfRange(DATA, 0, 10));
    assertThat(get(nginx.base(), "/internal-media/").statusCode()).isEqualTo(404);
  }

  private static void assertRefusedAlike(String url, int status) throws Exception {
    RefusedAlike.assertRefusedAlike(http, ts.baseUri(), nginx.base(), url, status);
  }
}
