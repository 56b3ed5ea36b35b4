package dev.cowatch.server.media;

import java.util.regex.Pattern;

/** The shape of a {@link MediaStore} key, and the keys the media library uses. */
public final class MediaKeys {
  public static final int MAX_LENGTH = 512;
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private MediaKeys() {}

  /**
   * The key itself, or {@link IllegalArgumentException} when it is not one: empty, too long, an empty
   * segment (leading, trailing or doubled {@code /}), a segment that is {@code .}, {@code ..} or starts
   * with anything but a letter or digit, or a character outside {@code [A-Za-z0-9._-/]}. A key can
   * therefore never name a parent directory, an absolute path or a hidden file.
   */
  public static String check(String key) {
    if (key == null || key.isEmpty() || key.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("a media key is 1-" + MAX_LENGTH + " characters");
    }
    for (String segment : key.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches()) {
        throw new IllegalArgumentException("not a valid media key: '" + key + "'");
      }
    }
    return key;
  }

  /** A prefix for {@link MediaStore#list}: any string a key may start with (may end with {@code /}). */
  public static String checkPrefix(String prefix) {
    if (prefix == null || prefix.length() > MAX_LENGTH || !prefix.matches("[A-Za-z0-9._/-]*")
        || prefix.startsWith("/") || prefix.startsWith(".") || prefix.contains("//") || prefix.contains("..")) {
      throw new IllegalArgumentException("not a valid media key prefix: '" + prefix + "'");
    }
    return prefix;
  }

  /** Everything stored for one media item lives under this prefix. */
  public static String itemPrefix(String mediaId) {
    return "media/" + mediaId + "/";
  }

  /** The uploaded file itself. */
  public static String original(String mediaId) {
    return itemPrefix(mediaId) + "original";
  }

  /** The original's {@code file:} identity (UploadFileIds). */
  public static String fileId(String mediaId) {
    return itemPrefix(mediaId) + "file-id";
  }

  /** The poster image. */
  public static String poster(String mediaId) {
    return itemPrefix(mediaId) + "poster.jpg";
  }
}
