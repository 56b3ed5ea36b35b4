package dev.cowatch.server.media.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.UserId;
import dev.cowatch.server.ReferenceNginx;
import dev.cowatch.server.ServerProcess;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.http.Api;
import dev.cowatch.server.media.MediaConfig;
import dev.cowatch.server.media.MediaDelivery;
import dev.cowatch.server.media.MediaItem;
import dev.cowatch.server.media.MediaUrls;
import dev.cowatch.server.ops.PrometheusText;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reference nginx keeps Cowatch's grant of a signed stream URL (deploy/single/nginx.conf.template): a
 * player's further ranges of one URL are sent without asking Cowatch again, but never once the URL has
 * expired or its item is gone. On the real clock, which nginx's cache keeps time by; URLs live 4 s here.
 */
class MediaGrantCacheTest {
  private static final Duration URL_LIFETIME = Duration.ofSeconds(4);
  private static final int SIZE = 100_000;
  private static final String GRANTS = "http_server_requests_seconds_count{method=\"GET\","
      + "route=\"/api/media/{mediaId}/stream\",status=\"200\"}";
  private static TestServer ts;
  private static ReferenceNginx nginx;
  private static HttpClient http;
  private static UserId owner;

  @BeforeAll
  static void start() throws Exception {
    Path dir = TestServer.tempDir();
    MediaConfig local = MediaConfig.local();
    MediaConfig media = new MediaConfig(local.store(), local.s3(), local.maxBytes(), URL_LIFETIME, local.quotaBytes(),
        local.uploadExpiry(), local.tools(), new MediaDelivery("/internal-media/", false));
    ts = new TestServer(dir, c -> c.media(media), Clock.systemUTC());
    nginx = ReferenceNginx.start(dir.resolve("nginx"), Path.of("..", "deploy", "single", "nginx.conf.template"),
        ServerProcess.freePort(), Map.of("USER", System.getProperty("user.name"),
            "COWATCH", ts.baseUri().getHost() + ":" + ts.baseUri().getPort(),
            "MEDIA_DIR", dir.resolve("media").toRealPath().toString()));
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try (Api api = new Api(ts)) {
      owner = new UserId(api.account("Greta").userId());
    }
  }

  @AfterAll
  static void stop() {
    if (nginx != null) nginx.close();
    if (ts != null) ts.close();
  }

  @Test
  void aPlayersFurtherRanges_areSentWithoutAskingCowatchAgain() throws Exception {
    byte[] data = bytes(1);
    MediaItem item = imported(data);
    String url = ts.server().media().library().issueUrl(owner, item.id()).path();
    double before = grantsAsked();

    for (int start = 0; start < 50_000; start += 10_000) {
      HttpResponse<byte[]> part = get(nginx.base(), url, "Range", "bytes=" + start + "-" + (start + 999));
      assertThat(part.statusCode()).isEqualTo(206);
      assertThat(part.body()).isEqualTo(Arrays.copyOfRange(data, start, start + 1000));
      assertThat(part.headers().firstValue("Content-Type")).hasValue("video/mp4");
      assertThat(part.headers().firstValue("Cache-Control")).hasValue("private");
    }
    assertThat(grantsAsked() - before).as("Cowatch checked the URL once for five ranges").isEqualTo(1.0);
  }

  @Test
  void aKeptGrant_isNotUsedOnceItsUrlHasExpired() throws Exception {
    MediaItem item = imported(bytes(2));
    MediaUrls.Signed signed = ts.server().media().library().issueUrl(owner, item.id());
    assertThat(get(nginx.base(), signed.path(), "Range", "bytes=0-9").statusCode()).isEqualTo(206);

    long untilExpired = signed.expiresAt() + 1_100 - System.currentTimeMillis();
    if (untilExpired > 0) Thread.sleep(untilExpired);
    assertRefusedAlike(signed.path(), 403);
    assertThat(new String(get(nginx.base(), signed.path()).body())).contains("expired");
  }

  @Test
  void aKeptGrant_ofADeletedItem_isRefusedAsCowatchRefusesIt() throws Exception {
    MediaItem item = imported(bytes(3));
    String url = ts.server().media().library().issueUrl(owner, item.id()).path();
    assertThat(get(nginx.base(), url, "Range", "bytes=0-9").statusCode()).isEqualTo(206);

    ts.server().media().library().delete(owner, item.id());
    assertRefusedAlike(url, 404);
  }

  private static void assertRefusedAlike(String url, int status) throws Exception {
    RefusedAlike.assertRefusedAlike(http, ts.baseUri(), nginx.base(), url, status);
  }


  private static byte[] bytes(long seed) {
    byte[] data = new byte[SIZE];
    new Random(seed).nextBytes(data);
    return data;
  }

  private static MediaItem imported(byte[] data) throws Exception {
    return ts.server().media().library().importFile(owner, "Clip", "clip.mp4", "video/mp4",
        new ByteArrayInputStream(data), data.length);
  }

  /** Grants Cowatch has answered: its GET 200s on the stream route (nginx's grant requests are GETs). */
  private static double grantsAsked() throws Exception {
    HttpResponse<byte[]> res = get(ts.baseUri(), "/metrics");
    assertThat(res.statusCode()).isEqualTo(200);
    return PrometheusText.parse(new String(res.body())).series().getOrDefault(GRANTS, 0.0);
  }

  private static HttpResponse<byte[]> get(URI base, String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
    if (headers.length > 0) b.headers(headers);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
