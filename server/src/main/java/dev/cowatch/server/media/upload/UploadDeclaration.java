package dev.cowatch.server.media.upload;

import dev.cowatch.server.media.MediaItem;
import dev.cowatch.server.media.MediaLibrary;
import dev.cowatch.server.platform.Refusal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a tus creation request declares about the file: its length and, from {@code Upload-Metadata}, its name,
 * type, title and SHA-256. Unknown metadata keys are ignored (tus clients add their own, e.g. {@code name}).
 *
 * @param fileName the last path segment of {@code filename}, cleaned ({@code file} when absent)
 * @param contentType {@code filetype} when it is a media type, else {@code application/octet-stream}
 * @param title {@code title}, else the file name without its extension
 * @param sha256 lower-case hex, null when not declared
 */
public record UploadDeclaration(long length, String fileName, String contentType, String title, String sha256) {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /** From the raw {@code Upload-Length} and {@code Upload-Metadata} headers; a 400 {@code invalid-upload} when bad. */
  public static UploadDeclaration parse(String uploadLength, String uploadMetadata, String deferLength) {
    if (deferLength != null) throw TusHeaders.invalid("Upload-Defer-Length is not supported: send Upload-Length");
    long length = TusHeaders.number("Upload-Length", uploadLength);
    if (length == 0) throw TusHeaders.invalid("Upload-Length is 0: an empty file is not a video");
    Map<String, String> meta = TusHeaders.metadata(uploadMetadata);
    String fileName = MediaLibrary.fileName(meta.get("filename"));
    String contentType = MediaLibrary.contentType(meta.get("filetype"));
    String title;
    try {
      title = MediaLibrary.checkTitle(meta.containsKey("title") ? meta.get("title") : titleFrom(fileName));
    } catch (Refusal e) {
      throw TusHeaders.invalid("metadata 'title': " + e.getMessage());
    }
    String sha256 = meta.get("sha256");
    if (sha256 != null) {
      sha256 = sha256.strip().toLowerCase(Locale.ROOT);
      if (!SHA256.matcher(sha256).matches()) {
        throw TusHeaders.invalid("metadata 'sha256' must be the file's SHA-256 in 64 hexadecimal digits");
      }
    }
    return new UploadDeclaration(length, fileName, contentType, title, sha256);
  }

  /** "Holiday 2024.mkv" -> "Holiday 2024"; a name that is only an extension keeps it. */
  static String titleFrom(String fileName) {
    int dot = fileName.lastIndexOf('.');
    String base = dot > 0 ? fileName.substring(0, dot) : fileName;
    int n = base.codePointCount(0, base.length());
    if (n > MediaItem.MAX_TITLE) base = base.substring(0, base.offsetByCodePoints(0, MediaItem.MAX_TITLE));
    return base.isBlank() ? "Untitled" : base;
  }
}
