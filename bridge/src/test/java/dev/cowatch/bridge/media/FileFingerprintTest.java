package dev.cowatch.bridge.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.protocol.FileMediaId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFingerprintTest {
  private static final int MIB = 1 << 20;
  @TempDir Path dir;

  private static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static String sha(byte[]... parts) throws Exception {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    for (byte[] p : parts) d.update(p);
    return HexFormat.of().formatHex(d.digest());
  }

  @Test
  void aLargeFile_isItsSizeAndTheHashOfItsFirstAndLastMib() throws Exception {
    byte[] content = bytes(5 * MIB + 123, 1);
    Path f = Files.write(dir.resolve("Film (2019) 1080p.mkv"), content);
    FileMediaId id = FileFingerprint.of(f);
    assertThat(id.sizeBytes()).isEqualTo(content.length);
    assertThat(id.headTailSha256()).isEqualTo(sha(java.util.Arrays.copyOfRange(content, 0, MIB),
        java.util.Arrays.copyOfRange(content, content.length - MIB, content.length)));
    assertThat(id.mediaId()).doesNotContain("Film").doesNotContain("mkv");
  }

  @Test
  void aSmallFile_isHashedWhole() throws Exception {
    byte[] content = bytes(MIB + 10, 2);
    assertThat(FileFingerprint.of(Files.write(dir.resolve("a.webm"), content)).headTailSha256()).isEqualTo(sha(content));
  }

  @Test
  void aChangeInTheMiddleGoesUnseen_aChangeAtAnEndDoesNot() throws Exception {
    byte[] content = bytes(4 * MIB, 3);
    FileMediaId original = FileFingerprint.of(Files.write(dir.resolve("a"), content));
    content[2 * MIB] ^= 1;
    assertThat(FileFingerprint.of(Files.write(dir.resolve("b"), content))).isEqualTo(original);
    content[content.length - 1] ^= 1;
    assertThat(FileFingerprint.of(Files.write(dir.resolve("c"), content))).isNotEqualTo(original);
  }
}
