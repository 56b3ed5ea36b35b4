package dev.cowatch.server.media.storage;

import dev.cowatch.server.media.ExactLengthInputStream;
import dev.cowatch.server.media.MediaKeys;
import dev.cowatch.server.media.MediaStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Media under a directory ({@code <dataDir>/media} by default): the key is the relative path. A put
 * writes a temporary file in {@code <root>/.tmp} (same file system), forces it to disk and moves it
 * into place atomically, so readers never see a partial object and a crash leaves at most a
 * temporary file, removed at the next start.
 */
public final class LocalDiskMediaStore implements MediaStore {
  private static final Logger log = LoggerFactory.getLogger(LocalDiskMediaStore.class);
  private static final String TMP = ".tmp";
  /** Temporary files older than this at start belong to a put that died with its process. */
  private static final Duration STALE_TEMP = Duration.ofHours(1);

  /** Files whose mappings are kept: the films being watched now, with room to spare. */
  static final int MAPPED_FILES = 64;

  private final Path root;
  private final Path tmp;
  private final MappedFiles mappings = new MappedFiles(MAPPED_FILES);

  public LocalDiskMediaStore(Path root) {
    try {
      this.root = Files.createDirectories(root).toRealPath();
      this.tmp = Files.createDirectories(this.root.resolve(TMP));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the media directory " + root, e);
    }
    removeStaleTemporaries();
  }

  public Path root() {
    return root;
  }

  @Override
  public String put(String key, InputStream in, long length) throws IOException {
    Path target = path(key);
    Path part = Files.createTempFile(tmp, "put-", ".part");
    boolean moved = false;
    try {
      DigestInputStream digest = new DigestInputStream(new ExactLengthInputStream(in, length), Sha256.newDigest());
      try (FileChannel out = FileChannel.open(part, StandardOpenOption.WRITE);
           OutputStream os = Channels.newOutputStream(out)) {
        digest.transferTo(os);
        out.force(true);
      }
      moveIntoPlace(part, target);
      moved = true;
      mappings.forget(target);
      return HexFormat.of().formatHex(digest.getMessageDigest().digest());
    } finally {
      if (!moved) Files.deleteIfExists(part);
    }
  }

  /** A concurrent delete may remove the (empty) parent directory between creating it and moving: retry. */
  private static void moveIntoPlace(Path part, Path target) throws IOException {
    for (int attempt = 1; ; attempt++) {
      Files.createDirectories(target.getParent());
      try {
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return;
      } catch (NoSuchFileException e) {
        if (attempt == 3) throw e;
      }
    }
  }

  @Override
  public ReadableByteChannel open(String key, long offset, long length) throws IOException {
    Path p = path(key);
    // The file's identity before opening it: a mapping shared under it is of these bytes (see MappedFiles).
    Object fileKey = Files.readAttributes(p, BasicFileAttributes.class).fileKey();
    FileChannel file = FileChannel.open(p, StandardOpenOption.READ);
    try {
      long size = file.size();
      if (offset < 0 || length < 0 || offset > size || length > size - offset) {
        throw new IllegalArgumentException("region " + offset + "+" + length + " is not inside " + size + " bytes");
      }
      return new FileRegionChannel(file, offset, length, () -> mappings.get(p, fileKey, file));
    } catch (RuntimeException | Error e) {
      file.close();
      throw e;
    }
  }

  @Override
  public OptionalLong size(String key) throws IOException {
    Path p = path(key);
    try {
      return Files.isRegularFile(p) ? OptionalLong.of(Files.size(p)) : OptionalLong.empty();
    } catch (NoSuchFileException e) {
      return OptionalLong.empty();
    }
  }

  @Override
  public boolean delete(String key) throws IOException {
    Path p = path(key);
    boolean existed = Files.deleteIfExists(p);
    mappings.forget(p);
    // Empty directories left behind would pile up one per deleted item.
    for (Path dir = p.getParent(); dir != null && !dir.equals(root); dir = dir.getParent()) {
      try {
        Files.deleteIfExists(dir);
      } catch (DirectoryNotEmptyException e) {
        break;
      }
    }
    return existed;
  }

  @Override
  public List<String> list(String prefix) throws IOException {
    MediaKeys.checkPrefix(prefix);
    // Walk only the deepest directory the prefix names completely.
    int slash = prefix.lastIndexOf('/');
    Path start = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
    if (!Files.isDirectory(start)) return List.of();
    List<String> keys = new ArrayList<>();
    try (Stream<Path> files = Files.walk(start)) {
      files.filter(Files::isRegularFile).forEach(f -> {
        String key = root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/");
        if (!key.startsWith(TMP + "/") && key.startsWith(prefix)) keys.add(key);
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    keys.sort(null);
    return keys;
  }

  @Override
  public String describe() {
    return "directory " + root;
  }

  /** The file for a key; the key's shape (MediaKeys) already rules out escaping, this checks again. */
  private Path path(String key) {
    Path p = root.resolve(MediaKeys.check(key)).normalize();
    if (!p.startsWith(root) || p.equals(root) || p.startsWith(tmp)) {
      throw new IllegalArgumentException("not a valid media key: '" + key + "'");
    }
    return p;
  }

  private void removeStaleTemporaries() {
    Instant before = Instant.now().minus(STALE_TEMP);
    try (Stream<Path> parts = Files.list(tmp)) {
      for (Path p : parts.toList()) {
        FileTime modified = Files.getLastModifiedTime(p);
        if (modified.toInstant().isBefore(before) && Files.deleteIfExists(p)) log.info("removed stale upload part {}", p);
      }
    } catch (IOException e) {
      log.warn("could not clean {}", tmp, e);
    }
  }
}
