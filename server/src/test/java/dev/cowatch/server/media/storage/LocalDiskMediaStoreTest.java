package dev.cowatch.server.media.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowatch.server.media.MediaStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDiskMediaStoreTest extends MediaStoreContract {
  @TempDir
  Path dir;

  private LocalDiskMediaStore store;

  @BeforeEach
  void open() {
    store = new LocalDiskMediaStore(dir.resolve("media"));
  }

  @Override
  protected MediaStore store() {
    return store;
  }

  @Test
  void failedPut_leavesNoTemporaryFile() throws Exception {
    InputStream failing = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("boom");
      }
    };
    try {
      store.put("x/original", failing, 10);
    } catch (IOException expected) {
      // what the test is about
    }
    try (Stream<Path> files = Files.walk(store.root())) {
      assertThat(files.filter(Files::isRegularFile)).isEmpty();
    }
  }

  @Test
  void delete_removesEmptyDirectories_butNotTheRoot() throws Exception {
    store.put("media/abc/original", new ByteArrayInputStream(new byte[2]), 2);
    store.put("media/abc/poster.jpg", new ByteArrayInputStream(new byte[2]), 2);
    store.delete("media/abc/original");
    assertThat(store.root().resolve("media/abc")).isDirectory();
    store.delete("media/abc/poster.jpg");
    assertThat(store.root().resolve("media")).doesNotExist();
    assertThat(store.root()).isDirectory();
  }

  @Test
  void open_givesAFileRegion_forZeroCopySending() throws Exception {
    store.put("k", new ByteArrayInputStream(bytes(5_000, 9)), 5_000);
    try (ReadableByteChannel ch = store.open("k", 100, 400)) {
      assertThat(ch).isInstanceOfSatisfying(FileRegionChannel.class, r -> {
        assertThat(r.start()).isEqualTo(100);
        assertThat(r.length()).isEqualTo(400);
      });
      assertThat(drain(ch)).isEqualTo(400);
    }
  }

  @Test
  void region_isSentAsViewsOfTheFilesMapping() throws Exception {
    byte[] content = bytes(5_000, 9);
    store.put("k", new ByteArrayInputStream(content), 5_000);
    try (FileRegionChannel r = (FileRegionChannel) store.open("k", 100, 400)) {
      assertThat(bytesOf(r.mapped(0, 256))).isEqualTo(Arrays.copyOfRange(content, 100, 356));
      assertThat(bytesOf(r.mapped(256, 256))).as("ends with the region").isEqualTo(Arrays.copyOfRange(content, 356, 500));
      assertThatThrownBy(() -> r.mapped(400, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
  }

  @Test
  void overwrite_isSentMapped_withTheNewBytes() throws Exception {
    store.put("k", new ByteArrayInputStream(bytes(1_000, 1)), 1_000);
    try (FileRegionChannel r = (FileRegionChannel) store.open("k", 0, 1_000)) {
      assertThat(bytesOf(r.mapped(0, 1_000))).isEqualTo(bytes(1_000, 1));
    }
    store.put("k", new ByteArrayInputStream(bytes(1_000, 2)), 1_000);
    try (FileRegionChannel r = (FileRegionChannel) store.open("k", 0, 1_000)) {
      assertThat(bytesOf(r.mapped(0, 1_000))).isEqualTo(bytes(1_000, 2));
    }
  }

  @Test
  void closedRegion_isNotSent() throws Exception {
    store.put("k", new ByteArrayInputStream(bytes(100, 3)), 100);
    FileRegionChannel r = (FileRegionChannel) store.open("k", 0, 100);
    r.close();
    assertThatThrownBy(() -> r.mapped(0, 10)).isInstanceOf(ClosedChannelException.class);
  }

  private static byte[] bytesOf(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  @Test
  void aSymlinkedRoot_isResolved_soKeysStayInside() throws Exception {
    Path real = Files.createDirectories(dir.resolve("real"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), real);
    LocalDiskMediaStore linked = new LocalDiskMediaStore(link);
    linked.put("a/b", new ByteArrayInputStream(new byte[1]), 1);
    assertThat(real.resolve("a/b")).exists();
  }
}
