package dev.cowatch.e2e.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowatch.bridge.media.FileFingerprint;
import dev.cowatch.e2e.MediaServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bridge reads the room's video over HTTP ranges (two MiB, never the whole file) to compare it with the viewer's. */
class FileFingerprintHttpTest {
  private static final int MIB = 1 << 20;
  @TempDir Path dir;

  private static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void overHttpRanges_theSameVideoHasTheSameIdentity() throws Exception {
    byte[] large = bytes(3 * MIB + 7, 4);
    byte[] small = bytes(1500, 5);
    try (MediaServer server = MediaServer.start(Map.of("large.webm", large, "small.webm", small), new MediaServer.Throttle(0, 1))) {
      HttpClient http = HttpClient.newHttpClient();
      assertThat(FileFingerprint.of(URI.create(server.url("large.webm")), http))
          .isEqualTo(FileFingerprint.of(Files.write(dir.resolve("l"), large)));
      assertThat(FileFingerprint.of(URI.create(server.url("small.webm")), http))
          .isEqualTo(FileFingerprint.of(Files.write(dir.resolve("s"), small)));
      assertThatThrownBy(() -> FileFingerprint.of(URI.create(server.url("missing.webm")), http))
          .isInstanceOf(IOException.class).hasMessageContaining("HTTP 404");
    }
  }
}
