package dev.cowatch.client.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * libwebrtc (webrtc-java's native library) finds every shared library it links on this machine. A new machine
 * once lacked PulseAudio's client library, which only a package installed later in the build had brought in;
 * this says which library is missing before anything loads it, and where the package belongs.
 */
class NativeLibrariesTest {
  private static final String LIBRARY = "/libwebrtc-java-linux-x86_64.so";

  @Test
  void libwebrtc_resolvesEveryLibraryItLinks() throws Exception {
    URL lib = NativeLibrariesTest.class.getResource(LIBRARY);
    assertThat(lib).as("webrtc-java's native library on the test classpath").isNotNull();
    Path so = Files.createTempFile("libwebrtc", ".so");
    try {
      try (InputStream in = lib.openStream()) {
        Files.copy(in, so, StandardCopyOption.REPLACE_EXISTING);
      }
      Process ldd = new ProcessBuilder("ldd", so.toString()).redirectErrorStream(true).start();
      String out = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(ldd.waitFor(30, TimeUnit.SECONDS)).as("ldd finished").isTrue();
      assertThat(ldd.exitValue()).as(out).isZero();
      List<String> missing = out.lines().filter(l -> l.contains("not found")).map(String::strip).toList();
      assertThat(missing).as("libraries libwebrtc links that this machine lacks: add the Debian package of each to "
          + "scripts/machine-packages.txt").isEmpty();
      assertThat(out).as("what ldd resolved").contains("libpulse.so.0 =>");
    } finally {
      Files.deleteIfExists(so);
    }
  }
}
