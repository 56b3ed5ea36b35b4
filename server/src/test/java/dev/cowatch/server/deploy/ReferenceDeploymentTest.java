package dev.cowatch.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.UserId;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.server.RawSocket;
import dev.cowatch.server.ReferenceNginx;
import dev.cowatch.server.ServerProcess;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.Timings;
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
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single-machine reference deployment of docs/operations.md as it is written: Debian's nginx from
 * deploy/single/nginx.conf.template with deploy/single/tls.conf.template on a certificate openssl makes
 * here, in front of Cowatch with {@code --media-accel-redirect}. Over https:// the API answers with HSTS,
 * two room sockets open through wss:// and play on one timeline, and a signed media URL is sent by nginx
 * with ranges; a client that does not trust the certificate is refused.
 */
class ReferenceDeploymentTest {
  @TempDir
  Path dir;

  @Test
  void throughNginxWithTls_theApiAnswers_roomSocketsPlayOverWss_andMediaIsSentByNginx() throws Exception {
    SelfSignedCertificate cert = SelfSignedCertificate.make(dir.resolve("tls"));
    HttpClient trusting = HttpClient.newBuilder().sslContext(cert.trustingIt()).connectTimeout(Duration.ofSeconds(5))
        .build();
    Path data = dir.resolve("data");
    int tlsPort = ServerProcess.freePort();
    try (TestServer ts = new TestServer(data, c -> c.media(MediaConfig.local().withDelivery(
            new MediaDelivery("/internal-media/", false))), Clock.systemUTC());
        ReferenceNginx nginx = ReferenceNginx.startWithTls(dir.resolve("nginx"),
            Path.of("..", "deploy", "single", "nginx.conf.template"), ServerProcess.freePort(),
            new ReferenceNginx.Tls(tlsPort, cert.certificate(), cert.key()),
            Map.of("USER", System.getProperty("user.name"), "COWATCH", "127.0.0.1:" + ts.baseUri().getPort(),
                "MEDIA_DIR", data.resolve("media").toRealPath().toString()));
        Api api = new Api(ts)) {
      URI https = URI.create("https://127.0.0.1:" + tlsPort);
      HttpResponse<String> health = trusting.send(HttpRequest.newBuilder(https.resolve("/api/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"up\"");
      assertThat(health.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
      assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(https.resolve("/api/health"))
          .build(), HttpResponse.BodyHandlers.ofString())).as("a client that does not trust the certificate")
          .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
      // The plain listener (@LISTEN@, 127.0.0.1 in the reference) stays for local health checks and scrapes.
      assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(nginx.base().resolve("/api/ready")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

      Api.Who owner = api.account("Tess");
      Api.Reply created = api.call("POST", "/api/rooms", "{\"name\":\"Over TLS\",\"mediaId\":\"https://example.org/f.mp4\"}",
          owner.token());
      String room = created.json().get("id").asText();
      URI wss = URI.create("wss://127.0.0.1:" + tlsPort + "/ws/rooms/" + room);
      try (RawSocket tess = RawSocket.open(wss, trusting); RawSocket guest = RawSocket.open(wss, trusting)) {
        ServerMessage.Joined joined = tess.helloWithToken("Tess", owner.token());
        assertThat(joined).as("joined through wss://").isNotNull();
        assertThat(guest.hello("Gil")).isNotNull();
        tess.send("{\"type\":\"play\",\"version\":" + joined.room().timeline().version() + "}");
        for (RawSocket s : new RawSocket[] {tess, guest}) {
          Timings.within(Duration.ofSeconds(3)).until(() -> s.messages(ServerMessage.TimelineUpdate.class).stream()
              .anyMatch(u -> u.timeline().state().equals("playing")));
        }
        assertThat(ts.server().rooms().service().find(new dev.cowatch.core.room.RoomId(room)).orElseThrow().timeline().state())
            .isEqualTo(PlaybackState.PLAYING);
      }

      byte[] clip = new byte[100_000];
      new Random(9).nextBytes(clip);
      MediaItem item = ts.server().media().library().importFile(new UserId(owner.userId()), "Clip", "clip.mp4",
          "video/mp4", new ByteArrayInputStream(clip), clip.length);
      String url = ts.server().media().library().issueUrl(new UserId(owner.userId()), item.id()).path();
      HttpResponse<byte[]> range = trusting.send(HttpRequest.newBuilder(https.resolve(url)).header("Range", "bytes=100-199")
          .build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(range.statusCode()).isEqualTo(206);
      assertThat(range.body()).isEqualTo(Arrays.copyOfRange(clip, 100, 200));
    }
  }
}
