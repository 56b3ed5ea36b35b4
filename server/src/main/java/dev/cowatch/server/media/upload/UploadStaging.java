package dev.cowatch.server.media.upload;

import dev.cowatch.server.media.MediaRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unfinished uploads' bytes on local disk, one file per upload ({@code <dir>/<mediaId>.part}), whatever the media
 * store is: tus appends to a file, which an object store cannot do. Each append is forced to disk before its new
 * offset is recorded, so a recorded offset always has its bytes behind it; bytes past it (a crash between the two)
 * are cut off at the next append.
 *
 * <p>The SHA-256 of each file is kept running in memory while its bytes arrive in order, so completing an upload
 * does not read the file again; after a restart it is computed from the file once. One append per upload at a time
 * ({@link Uploads} holds the upload's lock); different uploads are independent.
 */
public final class UploadStaging {
  private static final Logger log = LoggerFactory.getLogger(UploadStaging.class);
  private static final String SUFFIX = ".part";
  private static final String WORK = ".work";
  /** Per read from the request; the body is streamed, never held whole. */
  static final int BUFFER = 64 * 1024;
  /** Recorded and forced this often during one long PATCH, so a crash loses at most this much of it. */
  static final long CHECKPOINT_BYTES = 16L * 1024 * 1024;

  private final Path dir;
  private final Path work;
  private final Map<String, Running> hashes = new ConcurrentHashMap<>();

  /** A digest of a file's first {@code offset} bytes. */
  private record Running(long offset, MessageDigest digest) {}

  /** Called at each checkpoint with the offset now on disk; false stops the append (the upload is gone). */
  @FunctionalInterface
  public interface Checkpoint {
    boolean reached(long offset);
  }

  /**
   * How an append ended.
   *
   * @param offset where the file ends now (and what was recorded last)
   * @param clientGone the request body broke off: what arrived is kept
   * @param tooLong the body had more bytes than the upload has left: nothing of it was kept
   * @param abandoned a checkpoint said the upload is gone
   */
  public record Appended(long offset, boolean clientGone, boolean tooLong, boolean abandoned) {}

  public UploadStaging(Path dir) {
    try {
      this.dir = Files.createDirectories(dir);
      this.work = Files.createDirectories(dir.resolve(WORK));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the upload directory " + dir, e);
    }
    clearWork();
  }

  /** Where conversions write: the same file system as the staged files. */
  public Path workDir() {
    return work;
  }

  public Path file(String mediaId) {
    if (!MediaRef.isValidId(mediaId)) throw new IllegalArgumentException("not a media id: " + mediaId);
    return dir.resolve(mediaId + SUFFIX);
  }

  public boolean exists(String mediaId) {
    return Files.isRegularFile(file(mediaId));
  }

  /** An empty file for a new upload. */
  public void create(String mediaId) throws IOException {
    Files.deleteIfExists(file(mediaId));
    Files.createFile(file(mediaId));
    hashes.put(mediaId, new Running(0, newDigest()));
  }

  /** The disk filled up during an append: the upload keeps its first {@code offset} bytes and can resume there. */
  public static final class DiskFullException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long offset;

    DiskFullException(long offset, IOException cause) {
      super("no space left for the upload at byte " + offset, cause);
      this.offset = offset;
    }

    public long offset() {
      return offset;
    }
  }

  /**
   * A write failed at {@code at}: the partly written chunk is cut off and {@code at} recorded, so file and row
   * agree and the client can resume from there. A full disk becomes a {@link DiskFullException}.
   */
  private IOException keepWhatFits(FileChannel ch, long at, Checkpoint checkpoint, IOException e) {
    try {
      ch.truncate(at);
      ch.force(true);
      checkpoint.reached(at);
    } catch (IOException | RuntimeException again) {
      // the next append's settle() cuts the file back to the last recorded offset instead
      e.addSuppressed(again);
      return e;
    }
    return diskFull(e) ? new DiskFullException(at, e) : e;
  }

  private boolean diskFull(IOException e) {
    if (String.valueOf(e.getMessage()).contains("No space left")) return true;
    try {
      return Files.getFileStore(dir).getUsableSpace() < BUFFER;
    } catch (IOException unknown) {
      return false;
    }
  }

  /**
   * Where the upload really is: the recorded offset, unless the file is shorter (it was lost or cut), and the file
   * cut back to it when a crash left bytes past it. A missing file starts again at 0.
   */
  public long settle(String mediaId, long recorded) throws IOException {
    Path file = file(mediaId);
    if (!Files.exists(file)) {
      Files.createFile(file);
      hashes.remove(mediaId);
      return 0;
    }
    long size = Files.size(file);
    if (size > recorded) {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.truncate(recorded);
        ch.force(true);
      }
      hashes.remove(mediaId);
      return recorded;
    }
    if (size < recorded) hashes.remove(mediaId);
    return size;
  }

  /**
   * Appends at most {@code max} bytes of {@code body} at {@code offset} (where the file ends, from {@link #settle}),
   * forcing them to disk and calling {@code checkpoint} every {@value #CHECKPOINT_BYTES} bytes and at the end. A body
   * with more than {@code max} bytes is refused whole: the file is cut back to {@code offset}.
   *
   * @throws IOException when the file cannot be written (the body's own failures are {@code clientGone})
   */
  public Appended append(String mediaId, long offset, InputStream body, long max, Checkpoint checkpoint)
      throws IOException {
    Running running = hashes.remove(mediaId);
    MessageDigest digest = running != null && running.offset() == offset ? running.digest() : null;
    long at = offset;
    long sinceCheckpoint = 0;
    boolean clientGone = false;
    byte[] buffer = new byte[BUFFER];
    try (FileChannel ch = FileChannel.open(file(mediaId), StandardOpenOption.WRITE)) {
      ch.position(offset);
      while (true) {
        int n;
        try {
          n = body.read(buffer, 0, (int) Math.min(buffer.length, Math.max(1, max - (at - offset))));
        } catch (IOException e) {
          log.debug("upload {} body broke off at {}: {}", mediaId, at, e.toString());
          clientGone = true;
          break;
        }
        if (n < 0) break;
        if (at - offset + n > max) {
          ch.truncate(offset);
          ch.force(true);
          checkpoint.reached(offset);
          return new Appended(offset, false, true, false);
        }
        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
        try {
          while (chunk.hasRemaining()) ch.write(chunk);
        } catch (IOException e) {
          throw keepWhatFits(ch, at, checkpoint, e);
        }
        if (digest != null) digest.update(buffer, 0, n);
        at += n;
        sinceCheckpoint += n;
        if (sinceCheckpoint >= CHECKPOINT_BYTES) {
          ch.force(false);
          sinceCheckpoint = 0;
          if (!checkpoint.reached(at)) return new Appended(at, false, false, true);
        }
      }
      ch.force(false);
    }
    boolean kept = checkpoint.reached(at);
    if (digest != null) hashes.put(mediaId, new Running(at, digest));
    return new Appended(at, clientGone, false, !kept);
  }

  /** The SHA-256 (lower-case hex) of the whole file of {@code length} bytes: kept from the appends, or read now. */
  public String sha256(String mediaId, long length) throws IOException {
    Running running = hashes.remove(mediaId);
    if (running != null && running.offset() == length) return HexFormat.of().formatHex(running.digest().digest());
    MessageDigest digest = newDigest();
    try (InputStream in = Files.newInputStream(file(mediaId))) {
      byte[] buffer = new byte[BUFFER];
      for (int n; (n = in.read(buffer)) >= 0; ) digest.update(buffer, 0, n);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Removes the upload's file (and what is known of it); true if there was one. */
  public boolean delete(String mediaId) throws IOException {
    hashes.remove(mediaId);
    return Files.deleteIfExists(file(mediaId));
  }

  /** The media ids that have a staged file. */
  public List<String> ids() throws IOException {
    List<String> ids = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        String id = name.substring(0, name.length() - SUFFIX.length());
        if (MediaRef.isValidId(id)) ids.add(id);
      }
    }
    return ids;
  }

  /** Conversions that were running when the process died left their partial output here. */
  private void clearWork() {
    try (Stream<Path> files = Files.list(work)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        try {
          Files.deleteIfExists(f);
        } catch (NoSuchFileException | java.nio.file.DirectoryNotEmptyException e) {
          // gone already, or not ours to clear
        }
      }
    } catch (IOException e) {
      log.warn("could not clear {}: {}", work, e.toString());
    }
  }

  @Override
  public String toString() {
    return "UploadStaging[" + dir + "]";
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
