package dev.cowatch.release;

import static dev.cowatch.release.Commands.RELEASE;
import static dev.cowatch.release.Commands.VERSION;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The release folder: every download summed, the extension packages versioned as the release. */
class PackagesTest {
  /** What browsers accept as a version: the release's numbers without the qualifier (0.1.0-SNAPSHOT: 0.1.0). */
  static final String BROWSER_VERSION = VERSION.split("-")[0];

  @Test
  void sha256sums_nameEveryDownloadWithItsDigest() throws Exception {
    List<String> files;
    try (Stream<Path> s = Files.list(RELEASE)) {
      files = s.map(f -> f.getFileName().toString()).filter(n -> !n.equals("SHA256SUMS")).sorted().toList();
    }
    assertThat(files).containsExactly("cowatch-" + VERSION + "-image.tar", "cowatch-" + VERSION + "-linux-x64.tar.gz",
        "cowatch-bridge-" + VERSION + "-linux-x64.tar.gz", "cowatch-extension-" + VERSION + "-chromium.zip",
        "cowatch-extension-" + VERSION + "-firefox.xpi");
    List<String> named = new ArrayList<>();
    for (String line : Files.readAllLines(RELEASE.resolve("SHA256SUMS"))) {
      String[] digestAndName = line.split(" [ *]", 2); // sha256sum's "<digest>  <name>"
      named.add(digestAndName[1]);
      assertThat(sha256(RELEASE.resolve(digestAndName[1]))).as(digestAndName[1]).isEqualTo(digestAndName[0]);
    }
    assertThat(named).containsExactlyElementsOf(files);
  }

  @Test
  void chromiumPackage_hasTheReleaseAsVersion_andTheWholeNameAsVersionName() throws Exception {
    String manifest = manifest("cowatch-extension-" + VERSION + "-chromium.zip");
    assertThat(manifest).contains("\"version\": \"" + BROWSER_VERSION + "\"", "\"service_worker\": \"background.js\"");
    if (!VERSION.equals(BROWSER_VERSION)) assertThat(manifest).contains("\"version_name\": \"" + VERSION + "\"");
  }

  @Test
  void firefoxPackage_hasTheReleaseAsVersion_andTheAddOnId() throws Exception {
    String manifest = manifest("cowatch-extension-" + VERSION + "-firefox.xpi");
    assertThat(manifest).contains("\"version\": \"" + BROWSER_VERSION + "\"", "\"id\": \"extension@cowatch.dev\"")
        .doesNotContain("version_name");
  }

  private static String manifest(String pkg) throws IOException {
    try (ZipFile zip = new ZipFile(RELEASE.resolve(pkg).toFile())) {
      assertThat(zip.getEntry("background.js")).as(pkg + " has its bundle").isNotNull();
      try (InputStream in = zip.getInputStream(zip.getEntry("manifest.json"))) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
