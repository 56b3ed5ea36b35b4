package dev.cowatch.bridge.vlc;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * VLC is handed over only once it stands paused on the loaded file: answering on HTTP is not enough, since
 * {@code --start-paused} first goes through stopped and, on a busy machine, a moment of playing.
 */
class VlcLauncherTest {
  private volatile String status = "{}";
  private final HttpServer server;

  VlcLauncherTest() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/requests/status.json", ex -> {
      byte[] body = status.getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void answeringIsNotReady_untilVlcStandsPausedOnTheLoadedFile() {
    VlcHttp http = new VlcHttp("127.0.0.1", server.getAddress().getPort(), "pw");

    status = "{\"state\":\"stopped\",\"length\":0,\"position\":0}";
    assertThat(http.answers()).isTrue();
    assertThat(VlcLauncher.standsPaused(http)).as("up, nothing loaded").isFalse();
    status = "{\"state\":\"playing\",\"length\":60,\"position\":0.001}";
    assertThat(VlcLauncher.standsPaused(http)).as("its start's first frame").isFalse();
    status = "{\"state\":\"paused\",\"length\":0,\"position\":0}";
    assertThat(VlcLauncher.standsPaused(http)).as("paused before the file's length is known").isFalse();
    status = "{\"state\":\"paused\",\"length\":60,\"position\":0}";
    assertThat(VlcLauncher.standsPaused(http)).isTrue();
  }

  @Test
  void aVlcThatDoesNotAnswer_isNotReady() {
    server.stop(0);
    assertThat(VlcLauncher.standsPaused(new VlcHttp("127.0.0.1", server.getAddress().getPort(), "pw"))).isFalse();
  }
}
