package dev.cowatch.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import dev.cowatch.core.room.UserId;
import dev.cowatch.server.CowatchServer;
import dev.cowatch.server.ServerConfig;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.media.MediaConfig;
import dev.cowatch.server.media.MediaItem;
import dev.cowatch.server.media.MediaKeys;
import dev.cowatch.server.media.storage.S3Config;
import dev.cowatch.server.media.storage.S3Mocks;
import dev.cowatch.server.platform.Ids;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The server configured for an S3 bucket (S3Mock in-process): import, stream ranges, delete. */
class MediaS3StreamingTest {
  @RegisterExtension
  static final S3MockExtension S3 = S3Mocks.extension("media");

  @Test
  void s3Store_streamsRangesAndDeletes() throws Exception {
    S3Config s3 = new S3Config(URI.create("http://127.0.0.1:" + S3.getHttpPort()), "eu-west-1", "media", "ak", "sk",
        true);
    ServerConfig config = ServerConfig.ephemeral(TestServer.tempDir())
        .media(new MediaConfig(MediaConfig.Store.S3, s3, 1_000_000, MediaConfig.DEFAULT_URL_LIFETIME)).build();
    byte[] data = new byte[300_000];
    new Random(7).nextBytes(data);
    try (CowatchServer server = new CowatchServer(config, Clock.systemUTC(), Ids.secure()).start();
         HttpClient http = HttpClient.newHttpClient()) {
      URI base = URI.create("http://127.0.0.1:" + server.port());
      String token = register(http, base);
      String userId = server.accounts().authenticator().authenticate(token).orElseThrow().userId().value();
      MediaItem item = server.media().library().importFile(new UserId(userId), "In a bucket", "b.webm", "video/webm",
          new ByteArrayInputStream(data), data.length);
      assertThat(server.media().library().store().describe()).contains("bucket media");

      String url = send(http, HttpRequest.newBuilder(base.resolve("/api/media/" + item.id() + "/url"))
          .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody())).body();
      url = url.replaceAll(".*\"url\":\"([^\"]+)\".*", "$1");

      HttpResponse<byte[]> part = http.send(HttpRequest.newBuilder(base.resolve(url)).header("Range", "bytes=-1000")
          .build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(part.statusCode()).isEqualTo(206);
      assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 299000-299999/300000");
      assertThat(part.body()).isEqualTo(Arrays.copyOfRange(data, 299_000, 300_000));
      HttpResponse<byte[]> whole = http.send(HttpRequest.newBuilder(base.resolve(url)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(whole.statusCode()).isEqualTo(200);
      assertThat(whole.body()).isEqualTo(data);

      HttpResponse<String> anonymous = send(http, HttpRequest.newBuilder(base.resolve("/api/media")));
      assertThat(anonymous.statusCode()).isEqualTo(401);

      assertThat(send(http, HttpRequest.newBuilder(base.resolve("/api/media/" + item.id()))
          .header("Authorization", "Bearer " + token).DELETE()).statusCode()).isEqualTo(204);
      assertThat(server.media().library().store().list(MediaKeys.itemPrefix(item.id()))).isEmpty();
    }
  }

  private static String register(HttpClient http, URI base) throws Exception {
    String body = send(http, HttpRequest.newBuilder(base.resolve("/api/auth/guest"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"displayName\":\"S\"}")))
        .body();
    return body.replaceAll(".*\"accessToken\":\"([^\"]+)\".*", "$1");
  }

  private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder b) throws Exception {
    return http.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
