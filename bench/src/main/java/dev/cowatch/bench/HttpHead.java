package dev.cowatch.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The status line and headers of an HTTP/1.1 response, as the media load reads them. */
record HttpHead(int status, Map<String, String> headers) {
  /** Longer heads are not what either server sends: the load calls that an error. */
  static final int MAX_BYTES = 16 * 1024;

  /** A header by case-insensitive name, or null. */
  String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** The declared body length, or -1 when there is none or it is not a number. */
  long contentLength() {
    String v = header("Content-Length");
    if (v == null) return -1;
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** True when the server will close the connection after this response. */
  boolean closes() {
    String v = header("Connection");
    return v != null && v.strip().equalsIgnoreCase("close");
  }

  /** Where the head in {@code buf[0, end)} ends (just past its blank line), or -1 when it is not all there yet. */
  static int end(ByteBuffer buf, int end) {
    for (int i = 3; i < end; i++) {
      if (buf.get(i) == '\n' && buf.get(i - 1) == '\r' && buf.get(i - 2) == '\n' && buf.get(i - 3) == '\r') return i + 1;
    }
    return -1;
  }

  /** Parses {@code bytes} (the head, blank line included); throws IllegalArgumentException when it is not HTTP/1.1. */
  static HttpHead parse(byte[] bytes) {
    String[] lines = new String(bytes, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] status = lines[0].split(" ", 3);
    if (status.length < 2 || !status[0].equals("HTTP/1.1")) {
      throw new IllegalArgumentException("not an HTTP/1.1 status line: " + lines[0]);
    }
    int code;
    try {
      code = Integer.parseInt(status[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("no status code in: " + lines[0], e);
    }
    Map<String, String> headers = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon <= 0) continue;
      headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
    }
    return new HttpHead(code, headers);
  }
}
