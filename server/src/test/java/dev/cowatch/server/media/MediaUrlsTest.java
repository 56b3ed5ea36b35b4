package dev.cowatch.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowatch.core.room.UserId;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MediaUrlsTest {
  private static final byte[] KEY = new byte[32];
  private static final UserId ANN = new UserId("u-ann");
  private static final long EXP = 1_700_000_000_000L;

  private final MediaUrls urls = new MediaUrls(KEY);

  private static String param(String path, String name) {
    return path.replaceAll(".*[?&]" + name + "=([^&]*).*", "$1");
  }

  @Test
  void signedUrl_isValidUntilItsExpiry_andNotAtIt() {
    String path = urls.sign("abcdefgh", ANN, EXP).path();
    assertThat(path).startsWith("/api/media/abcdefgh/stream?u=u-ann&exp=" + EXP + "&sig=");
    String sig = param(path, "sig");
    assertThat(urls.check("abcdefgh", "u-ann", String.valueOf(EXP), sig, EXP - 1)).isEqualTo(MediaUrls.Check.VALID);
    assertThat(urls.check("abcdefgh", "u-ann", String.valueOf(EXP), sig, EXP)).isEqualTo(MediaUrls.Check.EXPIRED);
  }

  @Test
  void anyChangedPart_isForged() {
    String sig = param(urls.sign("abcdefgh", ANN, EXP).path(), "sig");
    assertThat(urls.check("abcdefgz", "u-ann", String.valueOf(EXP), sig, 0)).isEqualTo(MediaUrls.Check.FORGED);
    assertThat(urls.check("abcdefgh", "u-bob", String.valueOf(EXP), sig, 0)).isEqualTo(MediaUrls.Check.FORGED);
    assertThat(urls.check("abcdefgh", "u-ann", String.valueOf(EXP + 1), sig, 0)).isEqualTo(MediaUrls.Check.FORGED);
    assertThat(urls.check("abcdefgh", "u-ann", String.valueOf(EXP), sig + "A", 0)).isEqualTo(MediaUrls.Check.FORGED);
    byte[] otherKey = Arrays.copyOf(KEY, 32);
    otherKey[0] = 1;
    String foreign = param(new MediaUrls(otherKey).sign("abcdefgh", ANN, EXP).path(), "sig");
    assertThat(urls.check("abcdefgh", "u-ann", String.valueOf(EXP), foreign, 0)).isEqualTo(MediaUrls.Check.FORGED);
  }

  @Test
  void missingOrMalformedParts_areMalformed() {
    assertThat(urls.check("abcdefgh", null, "1", "x", 0)).isEqualTo(MediaUrls.Check.MALFORMED);
    assertThat(urls.check("abcdefgh", "u-ann", null, "x", 0)).isEqualTo(MediaUrls.Check.MALFORMED);
    assertThat(urls.check("abcdefgh", "u-ann", "1", null, 0)).isEqualTo(MediaUrls.Check.MALFORMED);
    assertThat(urls.check("abcdefgh", "u-ann", "1e9", "x", 0)).isEqualTo(MediaUrls.Check.MALFORMED);
    assertThat(urls.check("abcdefgh", "u ann\n", "1", "x", 0)).isEqualTo(MediaUrls.Check.MALFORMED);
  }

  @Test
  void shortKeys_areRefused() {
    assertThatThrownBy(() -> new MediaUrls(new byte[16])).isInstanceOf(IllegalArgumentException.class);
  }
}
