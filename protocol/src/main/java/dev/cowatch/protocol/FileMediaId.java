package dev.cowatch.protocol;

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
