package dev.cowatch.server.media.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against real files in a temporary directory: identities are the file system's inodes. */
class MappedFilesTest {
  @TempDir
  Path dir;

  @Test
  void sameFile_isMappedOnce_andShared() throws Exception {
    Path f = file("a", 10_000, 1);
    MappedFiles files = new MappedFiles(4);
    MappedFiles.Mapping first = get(files, f);
    MappedFiles.Mapping second = get(files, f);
    assertThat(second).isSameAs(first);
    assertThat(files.size()).isEqualTo(1);
  }

  @Test
  void slices_areTheFilesBytes_andNeverCrossASegment() throws Exception {
    byte[] content = bytes(10_000, 2);
    Path f = dir.resolve("b");
    Files.write(f, content);
    MappedFiles.Mapping m = get(new MappedFiles(4, 4_096), f);
    assertThat(m.segments()).hasSize(3);

    ByteBuffer inFirst = m.slice(100, 500);
    assertThat(inFirst.remaining()).isEqualTo(500);
    assertThat(bytesOf(inFirst)).isEqualTo(java.util.Arrays.copyOfRange(content, 100, 600));

    ByteBuffer atBoundary = m.slice(4_000, 1_000);
    assertThat(atBoundary.remaining()).as("ends with its segment").isEqualTo(96);
    assertThat(bytesOf(atBoundary)).isEqualTo(java.util.Arrays.copyOfRange(content, 4_000, 4_096));

    ByteBuffer last = m.slice(9_000, 5_000);
    assertThat(bytesOf(last)).isEqualTo(java.util.Arrays.copyOfRange(content, 9_000, 10_000));
    assertThat(last.isReadOnly()).isTrue();
  }

  @Test
  void slices_areIndependentViews() throws Exception {
    MappedFiles.Mapping m = get(new MappedFiles(4), file("c", 1_000, 3));
    ByteBuffer one = m.slice(0, 100);
    ByteBuffer two = m.slice(0, 100);
    one.position(50);
    assertThat(two.position()).isZero();
    assertThat(two.remaining()).isEqualTo(100);
  }

  @Test
  void sliceOutsideTheFile_isRefused() throws Exception {
    MappedFiles.Mapping m = get(new MappedFiles(4), file("d", 1_000, 4));
    assertThatThrownBy(() -> m.slice(1_000, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> m.slice(-1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void replacedFile_getsANewMapping_withItsNewBytes() throws Exception {
    Path f = file("e", 1_000, 5);
    MappedFiles files = new MappedFiles(4);
    MappedFiles.Mapping old = get(files, f);
    Path replacement = file("e.new", 1_000, 6);
    Files.move(replacement, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

    MappedFiles.Mapping fresh = get(files, f);
    assertThat(fresh).isNotSameAs(old);
    assertThat(bytesOf(fresh.slice(0, 1_000))).isEqualTo(bytes(1_000, 6));
    assertThat(bytesOf(old.slice(0, 1_000))).as("a request still sending the old bytes keeps them").isEqualTo(bytes(1_000, 5));
  }

  @Test
  void forget_dropsTheMapping() throws Exception {
    Path f = file("f", 100, 7);
    MappedFiles files = new MappedFiles(4);
    MappedFiles.Mapping first = get(files, f);
    files.forget(f);
    assertThat(files.size()).isZero();
    assertThat(get(files, f)).isNotSameAs(first);
  }

  @Test
  void theFileUsedLongestAgo_isDroppedFirst() throws Exception {
    MappedFiles files = new MappedFiles(2);
    Path a = file("g1", 100, 8);
    Path b = file("g2", 100, 9);
    Path c = file("g3", 100, 10);
    MappedFiles.Mapping ma = get(files, a);
    MappedFiles.Mapping mb = get(files, b);
    get(files, a); // a is now the most recently used
    get(files, c);
    assertThat(files.size()).isEqualTo(2);
    assertThat(get(files, a)).isSameAs(ma);
    assertThat(get(files, b)).as("b was evicted").isNotSameAs(mb);
  }

  @Test
  void withoutAnIdentity_nothingIsShared() throws Exception {
    Path f = file("h", 100, 11);
    MappedFiles files = new MappedFiles(4);
    try (FileChannel ch = FileChannel.open(f)) {
      MappedFiles.Mapping one = files.get(f, null, ch);
      MappedFiles.Mapping two = files.get(f, null, ch);
      assertThat(two).isNotSameAs(one);
      assertThat(files.size()).isZero();
    }
  }

  private static MappedFiles.Mapping get(MappedFiles files, Path f) throws IOException {
    Object key = Files.readAttributes(f, BasicFileAttributes.class).fileKey();
    try (FileChannel ch = FileChannel.open(f)) {
      return files.get(f, key, ch);
    }
  }

  private Path file(String name, int size, int seed) throws IOException {
    return Files.write(dir.resolve(name), bytes(size, seed));
  }

  private static byte[] bytes(int size, int seed) {
    byte[] b = new byte[size];
    new java.util.Random(seed).nextBytes(b);
    return b;
  }

  private static byte[] bytesOf(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }
}
