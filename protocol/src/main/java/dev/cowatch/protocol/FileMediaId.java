package dev.cowatch.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A room's media that every member plays from a file of their own (the Syncplay way):
 * {@code file:<size in bytes>:<sha-256 of the first and last MiB, hex>}. It names the content, never
 * the file: nobody learns what anyone's file is called. The server treats it as any opaque media id;
 * desktop players (cowatch-bridge) compare it with their file (docs/protocol.md, "Media ids").
 *
 * @param sizeBytes the file's length
 * @param headTailSha256 lowercase hex SHA-256 over the first MiB followed by the last MiB (the whole
 *     file once when it is at most 2 MiB)
 */
public record FileMediaId(long sizeBytes, String headTailSha256) {
  public static final String PREFIX = "file:";
  /** How much of each end is hashed: enough to tell releases apart, read in milliseconds even from a slow disk. */
  public static final int END_BYTES = 1 << 20;

  private static final Pattern FORM = Pattern.compile("file:([0-9]{1,19}):([0-9a-f]{64})");

  public FileMediaId {
    if (sizeBytes < 0) throw new IllegalArgumentException("file size must not be negative: " + sizeBytes);
    if (headTailSha256 == null || !headTailSha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("hash must be 64 lowercase hex digits");
    }
  }

  public static FileMediaId of(long sizeBytes, byte[] sha256) {
    return new FileMediaId(sizeBytes, HexFormat.of().formatHex(sha256));
  }

  /**
   * The one rule every reader follows (the bridge on a file or a URL, the server on an upload, the web
   * app's {@code web/src/player/fileId.ts} on a picked file; vectors in {@code media/file-id-vectors.json}):
   * {@code head} is the first {@link #headLength} bytes of a {@code sizeBytes}-long file and {@code tail}
   * the {@link #tailLength} bytes from {@link #tailOffset}.
   */
  public static FileMediaId ofEnds(long sizeBytes, byte[] head, byte[] tail) {
    if (head.length != headLength(sizeBytes) || tail.length != tailLength(sizeBytes)) {
      throw new IllegalArgumentException("a " + sizeBytes + "-byte file is hashed from " + headLength(sizeBytes)
          + " + " + tailLength(sizeBytes) + " bytes, not " + head.length + " + " + tail.length);
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(head);
      sha.update(tail);
      return of(sizeBytes, sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The identity of a file on this machine: reads its two ends only, whatever its size. */
  public static FileMediaId ofFile(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      return ofEnds(size, read(ch, 0, headLength(size)), read(ch, tailOffset(size), tailLength(size)));
    }
  }

  private static byte[] read(FileChannel ch, long at, int length) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(length);
    while (buf.hasRemaining()) {
      if (ch.read(buf, at + buf.position()) < 0) throw new IOException("the file got shorter while read");
    }
    return buf.array();
  }

  /** How many bytes from the start are hashed: the whole file when it is at most two MiB, else one MiB. */
  public static int headLength(long sizeBytes) {
    return (int) (sizeBytes <= 2L * END_BYTES ? sizeBytes : END_BYTES);
  }

  /** Where the hashed end starts. */
  public static long tailOffset(long sizeBytes) {
    return sizeBytes - tailLength(sizeBytes);
  }

  /** How many bytes at the end are hashed: none for a file hashed whole. */
  public static int tailLength(long sizeBytes) {
    return sizeBytes <= 2L * END_BYTES ? 0 : END_BYTES;
  }

  /** The media id in this form, or empty for any other media id (a URL, {@code media:<id>}). */
  public static Optional<FileMediaId> parse(String mediaId) {
    if (mediaId == null) return Optional.empty();
    Matcher m = FORM.matcher(mediaId);
    if (!m.matches()) return Optional.empty();
    try {
      return Optional.of(new FileMediaId(Long.parseLong(m.group(1)), m.group(2)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  public String mediaId() {
    return PREFIX + sizeBytes + ":" + headTailSha256;
  }

  @Override
  public String toString() {
    return mediaId();
  }
}
