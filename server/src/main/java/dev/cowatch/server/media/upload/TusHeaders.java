package dev.cowatch.server.media.upload;

import dev.cowatch.server.platform.Refusal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The tus 1.0.0 request headers this server reads (https://tus.io/protocols/resumable-upload): lengths and offsets,
 * and {@code Upload-Metadata}. Pure; every malformed value is a 400 {@code invalid-upload} naming the header.
 */
public final class TusHeaders {
  public static final String VERSION = "1.0.0";
  /** Far above what filename, filetype, title and sha256 need; a client sending more is sending something else. */
  static final int MAX_METADATA_CHARS = 8 * 1024;
  static final int MAX_METADATA_PAIRS = 32;
  static final int MAX_KEY_CHARS = 64;
  /** tus: a key is ASCII without spaces and commas; it must not be empty. */
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x2b\\x2d-\\x7e]+");
  /** A length or offset: decimal digits, no sign, at most what a long holds. */
  private static final Pattern NUMBER = Pattern.compile("[0-9]{1,19}");

  private TusHeaders() {}

  /** {@code Upload-Length} or {@code Upload-Offset}: a non-negative decimal integer. */
  public static long number(String header, String value) {
    if (value == null || value.isBlank()) throw invalid(header + " is required");
    String v = value.strip();
    if (!NUMBER.matcher(v).matches()) throw invalid(header + " must be a non-negative decimal integer, not '"
        + abbreviate(v) + "'");
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw invalid(header + " is too large");
    }
  }

  /**
   * {@code Upload-Metadata}: comma-separated pairs of a key and, after one space, its value in Base64 (a key may
   * have no value). Values are decoded as UTF-8. Absent or blank: no metadata. Keys are unique.
   */
  public static Map<String, String> metadata(String header) {
    Map<String, String> pairs = new LinkedHashMap<>();
    if (header == null || header.isBlank()) return pairs;
    if (header.length() > MAX_METADATA_CHARS) {
      throw invalid("Upload-Metadata is longer than " + MAX_METADATA_CHARS + " characters");
    }
    for (String pair : header.split(",", -1)) {
      String p = pair.strip();
      if (p.isEmpty()) throw invalid("Upload-Metadata has an empty pair");
      int space = p.indexOf(' ');
      String key = space < 0 ? p : p.substring(0, space);
      String encoded = space < 0 ? "" : p.substring(space + 1).strip();
      if (!KEY.matcher(key).matches() || key.length() > MAX_KEY_CHARS) {
        throw invalid("Upload-Metadata key '" + abbreviate(key) + "' is not 1-" + MAX_KEY_CHARS
            + " ASCII characters without spaces or commas");
      }
      if (encoded.contains(" ")) throw invalid("Upload-Metadata value of '" + key + "' contains a space");
      if (pairs.containsKey(key)) throw invalid("Upload-Metadata has '" + key + "' twice");
      if (pairs.size() == MAX_METADATA_PAIRS) throw invalid("Upload-Metadata has more than " + MAX_METADATA_PAIRS + " pairs");
      pairs.put(key, decode(key, encoded));
    }
    return pairs;
  }

  private static String decode(String key, String encoded) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw invalid("Upload-Metadata value of '" + key + "' is not Base64");
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw invalid("Upload-Metadata value of '" + key + "' is not UTF-8 text");
    }
  }

  static Refusal invalid(String message) {
    return new Refusal(Refusal.Kind.BAD_REQUEST, "invalid-upload", message);
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
