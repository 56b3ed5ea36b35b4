package dev.cowatch.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.media.MediaConfig;
import dev.cowatch.server.media.MediaKeys;
import dev.cowatch.server.media.storage.S3Config;
import dev.cowatch.server.media.storage.S3Mocks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Uploads into an S3 bucket (S3Mock in-process): staged on local disk, converted, stored and streamed from S3. */
class UploadS3Test {
  @RegisterExtension
  static final S3MockExtension S3 = S3Mocks.extension("uploads");

  @Test
  void anUploadIsStagedLocally_thenConvertedAndStoredInTheBucket() throws Exception {
    S3Config s3 = new S3Config(URI.create("http://127.0.0.1:" + S3.getHttpPort()), "eu-west-1", "uploads", "ak", "sk",
        true);
    try (TestServer ts = new TestServer(TestServer.tempDir(), c -> c.media(new MediaConfig(MediaConfig.Store.S3,
        s3, 1_000_000, MediaConfig.DEFAULT_URL_LIFETIME)), Clock.systemUTC()); Api api = new Api(ts);
         Tus tus = new Tus(ts); HttpClient http = HttpClient.newHttpClient()) {
      Api.Who ann = api.guest("Ann");
      JsonNode item = UploadPipelineTest.uploaded(api, tus, ann, Path.of("src/test/resources/media/xvid-mp3.avi"));
      String id = item.get("id").asText();
      assertThat(item.get("status").asText()).as(item.toString()).isEqualTo("ready");
      // The original, what browsers play, the poster, and the original's file id (for desktop players' own copies).
      assertThat(ts.server().media().library().store().list(MediaKeys.itemPrefix(id))).containsExactly(
          "media/" + id + "/file-id", "media/" + id + "/original", "media/" + id + "/playable.mp4",
          "media/" + id + "/poster.jpg");
      try (var staged = Files.list(ts.dataDir().resolve("uploads"))) {
        assertThat(staged.filter(Files::isRegularFile)).as("nothing left staged").isEmpty();
      }

      String url = api.call("POST", "/api/media/" + id + "/url", null, ann.token()).json().get("url").asText();
      HttpResponse<byte[]> stream = http.send(HttpRequest.newBuilder(ts.baseUri().resolve(url)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(stream.statusCode()).isEqualTo(200);
      assertThat(stream.headers().firstValue("Content-Type")).hasValue("video/mp4");

      assertThat(api.call("DELETE", "/api/media/" + id, null, ann.token()).status()).isEqualTo(204);
      assertThat(ts.server().media().library().store().list(MediaKeys.itemPrefix(id))).isEmpty();
    }
  }
}
