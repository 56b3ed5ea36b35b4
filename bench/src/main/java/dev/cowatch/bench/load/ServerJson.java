package dev.cowatch.bench.load;

import java.nio.charset.StandardCharsets;

/**
 * Reads the few facts the load generator needs from a server message's UTF-8 bytes without
 * decoding it: the message type and one integer field. Fifty thousand clients receive about a
 * hundred thousand messages a second on the two cores the server also uses, so a full JSON decode
 * per message would weigh on what is measured. The server's codec writes {@code type} first.
 */
final class ServerJson {
  private static final byte[] TYPE_PREFIX = "{\"type\":\"".getBytes(StandardCharsets.US_ASCII);

  private ServerJson() {}

  /** True when the message's type is {@code type} (given as {@code "pong"} etc. in bytes). */
  static boolean isType(byte[] buf, int off, int len, byte[] type) {
    int p = TYPE_PREFIX.length;
    if (len < p + type.length + 1) return false;
    for (int i = 0; i < p; i++) if (buf[off + i] != TYPE_PREFIX[i]) return false;
    for (int i = 0; i < type.length; i++) if (buf[off + p + i] != type[i]) return false;
    return buf[off + p + type.length] == '"';
  }

  static byte[] type(String name) {
    return name.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * The integer after the first {@code "name":} in the message, or {@code missing}. Good for fields
   * whose name appears once (a timeline's version, a pong's t0).
   */
  static long longField(byte[] buf, int off, int len, byte[] quotedNameColon, long missing) {
    int end = off + len - quotedNameColon.length;
    outer:
    for (int i = off; i <= end; i++) {
      for (int j = 0; j < quotedNameColon.length; j++) if (buf[i + j] != quotedNameColon[j]) continue outer;
      int k = i + quotedNameColon.length;
      boolean negative = k < off + len && buf[k] == '-';
      if (negative) k++;
      long v = 0;
      int digits = 0;
      while (k < off + len && buf[k] >= '0' && buf[k] <= '9') {
        v = v * 10 + (buf[k] - '0');
        k++;
        digits++;
      }
      return digits == 0 ? missing : negative ? -v : v;
    }
    return missing;
  }

  static byte[] field(String name) {
    return ("\"" + name + "\":").getBytes(StandardCharsets.US_ASCII);
  }
}
