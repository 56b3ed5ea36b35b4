package dev.cowatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FileMediaIdTest {
  private static final String HASH = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @Test
  void parse_ofItsOwnForm_givesSizeAndHashBack() {
    FileMediaId id = new FileMediaId(734_003_200L, HASH);
    assertThat(id.mediaId()).isEqualTo("file:734003200:" + HASH);
    assertThat(FileMediaId.parse(id.mediaId())).contains(id);
  }

  @Test
  void parse_ofOtherMediaIds_isEmpty() {
    assertThat(FileMediaId.parse("https://media.example.org/night-train.mp4")).isEmpty();
    assertThat(FileMediaId.parse("media:abc")).isEmpty();
    assertThat(FileMediaId.parse(null)).isEmpty();
    assertThat(FileMediaId.parse("file:12:" + HASH.toUpperCase())).isEmpty();
    assertThat(FileMediaId.parse("file:12:" + HASH.substring(1))).isEmpty();
    assertThat(FileMediaId.parse("file:-1:" + HASH)).isEmpty();
    assertThat(FileMediaId.parse("file:99999999999999999999:" + HASH)).isEmpty();
    assertThat(FileMediaId.parse("file:/home/ann/film.mkv")).isEmpty();
  }

  @Test
  void constructor_refusesABadHash() {
    assertThatThrownBy(() -> new FileMediaId(1, "xyz")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void of_writesTheDigestAsLowercaseHex() {
    byte[] digest = new byte[32];
    digest[0] = (byte) 0xAB;
    assertThat(FileMediaId.of(5, digest).headTailSha256()).startsWith("ab00").hasSize(64);
  }
}
