package dev.cowatch.server.media.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowatch.server.media.MediaStore;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MediaStore} adapter promises. Subclasses give the store; each test works under its
 * own fresh prefix, so one store may serve every test of a class.
 */
abstract class MediaStoreContract {
  protected abstract MediaStore store();

  private String base;

  @BeforeEach
  void freshPrefix() {
    base = "t" + UUID.randomUUID().toString().replace("-", "") + "/";
  }

  @Test
  void put_returnsSha256_andTheBytesComeBack() throws Exception {
    byte[] data = bytes(100_000, 1);
    String sha = store().put(base + "a/original", new ByteArrayInputStream(data), data.length);
    assertThat(sha).isEqualTo(sha256(data));
    assertThat(store().size(base + "a/original")).hasValue(data.length);
    assertThat(store().exists(base + "a/original")).isTrue();
    assertThat(read(base + "a/original", 0, data.length)).isEqualTo(data);
  }

  @Test
  void open_readsExactlyTheRegion() throws Exception {
    byte[] data = bytes(10_000, 2);
    store().put(base + "r", new ByteArrayInputStream(data), data.length);
    assertThat(read(base + "r", 0, 1)).containsExactly(data[0]);
    assertThat(read(base + "r", 9_999, 1)).containsExactly(data[9_999]);
    assertThat(read(base + "r", 500, 1000)).isEqualTo(java.util.Arrays.copyOfRange(data, 500, 1500));
    assertThat(read(base + "r", 10_000, 0)).isEmpty();
    assertThat(read(base + "r", 0, 0)).isEmpty();
  }

  @Test
  void open_outsideTheObject_isRefused() throws Exception {
    store().put(base + "r", new ByteArrayInputStream(new byte[10]), 10);
    assertThatThrownBy(() -> store().open(base + "r", 5, 6)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store().open(base + "r", 11, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store().open(base + "r", -1, 2)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void emptyObject_isStoredAndRead() throws Exception {
    String sha = store().put(base + "empty", InputStream.nullInputStream(), 0);
    assertThat(sha).isEqualTo(sha256(new byte[0]));
    assertThat(store().size(base + "empty")).hasValue(0);
    assertThat(read(base + "empty", 0, 0)).isEmpty();
  }

  @Test
  void missingKey_hasNoSize_andCannotBeOpened() throws Exception {
    assertThat(store().size(base + "missing")).isEmpty();
    assertThat(store().exists(base + "missing")).isFalse();
    assertThatThrownBy(() -> store().open(base + "missing", 0, 0)).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void put_overwrites() throws Exception {
    store().put(base + "k", new ByteArrayInputStream(bytes(5_000, 3)), 5_000);
    byte[] second = bytes(300, 4);
    String sha = store().put(base + "k", new ByteArrayInputStream(second), second.length);
    assertThat(sha).isEqualTo(sha256(second));
    assertThat(store().size(base + "k")).hasValue(300);
    assertThat(read(base + "k", 0, 300)).isEqualTo(second);
    assertThat(store().list(base)).containsExactly(base + "k");
  }

  @Test
  void delete_isIdempotent() throws Exception {
    store().put(base + "d/x", new ByteArrayInputStream(new byte[3]), 3);
    assertThat(store().delete(base + "d/x")).isTrue();
    assertThat(store().exists(base + "d/x")).isFalse();
    assertThat(store().delete(base + "d/x")).isFalse();
    assertThat(store().delete(base + "never/there")).isFalse();
    assertThat(store().list(base)).isEmpty();
  }

  @Test
  void list_givesKeysUnderThePrefix_sorted() throws Exception {
    for (String k : new String[] {"m/2/original", "m/1/poster.jpg", "m/1/original", "m/10/original", "other"}) {
      store().put(base + k, new ByteArrayInputStream(new byte[1]), 1);
    }
    assertThat(store().list(base + "m/1/")).containsExactly(base + "m/1/original", base + "m/1/poster.jpg");
    assertThat(store().list(base + "m/1")).containsExactly(base + "m/1/original", base + "m/1/poster.jpg",
        base + "m/10/original");
    assertThat(store().list(base)).hasSize(5);
    assertThat(store().list(base + "nothing/")).isEmpty();
  }

  @Test
  void failedPut_streamThrowsMidway_leavesNothing() throws Exception {
    InputStream failing = new InputStream() {
      private int n;

      @Override
      public int read() throws IOException {
        if (n++ >= 70_000) throw new IOException("client went away");
        return 7;
      }
    };
    assertThatThrownBy(() -> store().put(base + "f/original", failing, 200_000)).isInstanceOf(IOException.class);
    assertThat(store().exists(base + "f/original")).isFalse();
    assertThat(store().list(base)).isEmpty();
  }

  @Test
  void failedOverwrite_keepsTheOldObject() throws Exception {
    byte[] old = bytes(1_000, 5);
    store().put(base + "k", new ByteArrayInputStream(old), old.length);
    assertThatThrownBy(() -> store().put(base + "k", new ByteArrayInputStream(new byte[10]), 20))
        .isInstanceOf(EOFException.class);
    assertThat(read(base + "k", 0, old.length)).isEqualTo(old);
  }

  @Test
  void put_ofAStreamLongerThanDeclared_fails() throws Exception {
    assertThatThrownBy(() -> store().put(base + "long", new ByteArrayInputStream(new byte[11]), 10))
        .isInstanceOf(IOException.class).hasMessageContaining("more than");
    assertThat(store().exists(base + "long")).isFalse();
  }

  @Test
  void put_ofAStreamShorterThanDeclared_fails() throws Exception {
    assertThatThrownBy(() -> store().put(base + "short", new ByteArrayInputStream(new byte[9]), 10))
        .isInstanceOf(IOException.class);
    assertThat(store().exists(base + "short")).isFalse();
  }

  @Test
  void keysThatCouldEscape_areRefused() {
    for (String bad : new String[] {"../x", base + "../../etc/passwd", "/etc/passwd", base + "a//b", base + ".hidden",
        base + "a/./b", base, "", base + "a/..", ".tmp/x", base + "sp ace", base + "back\\slash"}) {
      assertThatThrownBy(() -> store().put(bad, new ByteArrayInputStream(new byte[1]), 1)).as(bad)
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store().size(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store().delete(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> store().list("../")).isInstanceOf(IllegalArgumentException.class);
  }

  protected byte[] read(String key, long offset, long length) throws IOException {
    try (ReadableByteChannel ch = store().open(key, offset, length); InputStream in = Channels.newInputStream(ch)) {
      return in.readAllBytes();
    }
  }

  /** Reads through a small buffer, as a streaming response would. */
  protected static int drain(ReadableByteChannel ch) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(777);
    int total = 0;
    for (int n; (n = ch.read(buffer)) >= 0; buffer.clear()) total += n;
    return total;
  }

  static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }
}
