package dev.cowatch.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import dev.cowatch.core.FakeClock;
import dev.cowatch.core.room.UserId;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.media.MediaConfig;
import dev.cowatch.server.media.MediaDelivery;
import dev.cowatch.server.media.MediaItem;
import dev.cowatch.server.media.storage.S3Config;
import dev.cowatch.server.media.storage.S3Mocks;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --media-redirect-to-store}: a checked stream is a redirect to a presigned URL of the bucket (S3Mock);
 * without it, Cowatch reads the object and sends the range itself.
 */
class MediaS3RedirectTest {
  @RegisterExtension
  static final S3MockExtension S3 = S3Mocks.extension("redirected");

  @Test
  void aCheckedStream_redirectsToThePresignedObject_aBadOneDoesNot() throws Exception {
    S3Config s3 = new S3Config(URI.create("http://127.0.0.1:" + S3.getHttpPort()), "eu-west-1", "redirected", "ak", "sk",
        true);
    FakeClock clock = new FakeClock(System.currentTimeMillis());
    byte[] data = new byte[50_000];
    new Random(11).nextBytes(data);
    try (TestServer ts = new TestServer(TestServer.tempDir(), c -> c.media(new MediaConfig(MediaConfig.Store.S3, s3,
        1_000_000, MediaConfig.DEFAULT_URL_LIFETIME).withDelivery(new MediaDelivery(null, true))), clock);
         Api api = new Api(ts);
         HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()) {
      UserId owner = new UserId(api.account("Sam").userId());
      MediaItem item = ts.server().media().library().importFile(owner, "Up there", "u.webm", "video/webm",
          new ByteArrayInputStream(data), data.length);
      String url = ts.server().media().library().issueUrl(owner, item.id()).path();

      HttpResponse<byte[]> redirect = get(http, ts.baseUri().resolve(url));
      assertThat(redirect.statusCode()).isEqualTo(302);
      assertThat(redirect.headers().firstValue("Cache-Control")).hasValue("no-store");
      URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
      assertThat(location.getPort()).isEqualTo(S3.getHttpPort());
      assertThat(location.getRawQuery()).contains("X-Amz-Signature=").contains("X-Amz-Expires=21600");

      HttpResponse<byte[]> part = http.send(HttpRequest.newBuilder(location).header("Range", "bytes=100-199").build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(part.statusCode()).isEqualTo(206);
      assertThat(part.body()).isEqualTo(Arrays.copyOfRange(data, 100, 200));
      assertThat(part.headers().firstValue("Content-Type")).hasValue("video/webm");
      assertThat(redirect.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(redirect.headers().firstValue("Content-Security-Policy")).hasValue("sandbox; default-src 'none'");

      // Bytes stored with a declared document type: the store is told to answer them as a download (issue 51).
      byte[] html = "<script>alert(1)</script>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      MediaItem page = ts.server().media().library().importFile(owner, "Page", "p.html", "text/html",
          new ByteArrayInputStream(html), html.length);
      URI pageLocation = URI.create(get(http, ts.baseUri().resolve(ts.server().media().library()
          .issueUrl(owner, page.id()).path())).headers().firstValue("Location").orElseThrow());
      HttpResponse<byte[]> fromStore = http.send(HttpRequest.newBuilder(pageLocation).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(fromStore.statusCode()).isEqualTo(200);
      assertThat(fromStore.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
      assertThat(fromStore.headers().firstValue("Content-Disposition")).hasValue("attachment");

      String forged = url.substring(0, url.length() - 1) + (url.endsWith("A") ? "B" : "A");
      HttpResponse<byte[]> refused = get(http, ts.baseUri().resolve(forged));
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.headers().firstValue("Location")).isEmpty();
      clock.advance(MediaConfig.DEFAULT_URL_LIFETIME.plusSeconds(1));
      HttpResponse<byte[]> expired = get(http, ts.baseUri().resolve(url));
      assertThat(expired.statusCode()).isEqualTo(403);
      assertThat(expired.headers().firstValue("Location")).isEmpty();
    }
  }

  @Test
  void withoutTheRedirect_cowatchSendsTheObjectsBytes() throws Exception {
    S3Config s3 = new S3Config(URI.create("http://127.0.0.1:" + S3.getHttpPort()), "eu-west-1", "redirected", "ak", "sk",
        true);
    byte[] data = new byte[300_000]; // several copy buffers
    new Random(12).nextBytes(data);
    try (TestServer ts = new TestServer(TestServer.tempDir(), c -> c.media(new MediaConfig(MediaConfig.Store.S3, s3,
        1_000_000, MediaConfig.DEFAULT_URL_LIFETIME)), new FakeClock(System.currentTimeMillis()));
         Api api = new Api(ts);
         HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()) {
      UserId owner = new UserId(api.account("Sam").userId());
      MediaItem item = ts.server().media().library().importFile(owner, "Down here", "d.webm", "video/webm",
          new ByteArrayInputStream(data), data.length);
      URI url = ts.baseUri().resolve(ts.server().media().library().issueUrl(owner, item.id()).path());

      HttpResponse<byte[]> whole = get(http, url);
      assertThat(whole.statusCode()).isEqualTo(200);
      assertThat(whole.body()).isEqualTo(data);
      HttpResponse<byte[]> part = http.send(HttpRequest.newBuilder(url).header("Range", "bytes=70000-200001").build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(part.statusCode()).isEqualTo(206);
      assertThat(part.body()).isEqualTo(Arrays.copyOfRange(data, 70_000, 200_002));
    }
  }

  private static HttpResponse<byte[]> get(HttpClient http, URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }
}
