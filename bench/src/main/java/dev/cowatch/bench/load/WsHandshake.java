package dev.cowatch.bench.load;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/** The HTTP upgrade that opens a WebSocket (RFC 6455 section 4), client side. */
final class WsHandshake {
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  private WsHandshake() {}

  static byte[] request(String host, int port, String path, String key) {
    String r = "GET " + path + " HTTP/1.1\r\n"
        + "Host: " + host + ":" + port + "\r\n"
        + "Upgrade: websocket\r\n"
        + "Connection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + key + "\r\n"
        + "Sec-WebSocket-Version: 13\r\n\r\n";
    return r.getBytes(StandardCharsets.US_ASCII);
  }

  /** Where the response head ends (just past the blank line), or -1 when it has not all arrived. */
  static int headEnd(byte[] buf, int limit) {
    for (int i = 3; i < limit; i++) {
      if (buf[i] == '\n' && buf[i - 1] == '\r' && buf[i - 2] == '\n' && buf[i - 3] == '\r') return i + 1;
    }
    return -1;
  }

  /** Null when the head accepts the upgrade for {@code key}; otherwise what is wrong with it. */
  static String refusal(String head, String key) {
    String[] lines = head.split("\r\n");
    if (lines.length == 0 || !lines[0].startsWith("HTTP/1.1 101")) return "not upgraded: " + (lines.length == 0 ? "" : lines[0]);
    String expected = accept(key);
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("sec-websocket-accept")) {
        return line.substring(colon + 1).trim().equals(expected) ? null : "wrong Sec-WebSocket-Accept";
      }
    }
    return "no Sec-WebSocket-Accept";
  }

  static String accept(String key) {
    try {
      byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }
}
