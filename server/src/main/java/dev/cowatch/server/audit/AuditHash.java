package dev.cowatch.server.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a row of the audit log is hashed. The encoding is unambiguous and simple enough to redo in
 * any language: the UTF-8 bytes of the line {@code cowatch-audit-v1}, then for each of seq, at,
 * action, actor_id, subject, details, address, prev_hash (numbers in decimal) a line holding
 * either {@code -} (null) or the value's length in UTF-8 bytes, a colon and the value; every line
 * ends with {@code \n}. The hash is SHA-256 of that, in lower-case hex.
 */
public final class AuditHash {
  /** The first row's {@code prev_hash}. */
  public static final String GENESIS = "0".repeat(64);
  private static final String VERSION = "cowatch-audit-v1";

  private AuditHash() {}

  public static String of(long seq, long at, String action, String actorId, String subject, String details,
      String address, String prevHash) {
    StringBuilder s = new StringBuilder(VERSION).append('\n');
    for (String field : new String[] {Long.toString(seq), Long.toString(at), action, actorId, subject, details,
        address, prevHash}) {
      if (field == null) {
        s.append('-');
      } else {
        s.append(field.getBytes(StandardCharsets.UTF_8).length).append(':').append(field);
      }
      s.append('\n');
    }
    return sha256(s.toString());
  }

  /**
   * The details as JSON with keys in sorted order and one spelling per string (only {@code "},
   * {@code \} and control characters escaped), so equal details always give equal text.
   */
  public static String canonicalJson(Map<String, String> details) {
    StringBuilder s = new StringBuilder("{");
    for (Map.Entry<String, String> e : new TreeMap<>(details).entrySet()) {
      if (s.length() > 1) s.append(',');
      quote(s, e.getKey());
      s.append(':');
      quote(s, e.getValue());
    }
    return s.append('}').toString();
  }

  private static void quote(StringBuilder s, String value) {
    s.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        case '\r' -> s.append("\\r");
        case '\t' -> s.append("\\t");
        default -> {
          if (c < 0x20) {
            s.append(String.format("\\u%04x", (int) c));
          } else {
            s.append(c);
          }
        }
      }
    }
    s.append('"');
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
