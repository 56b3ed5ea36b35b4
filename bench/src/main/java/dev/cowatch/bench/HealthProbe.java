package dev.cowatch.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One {@code GET /api/health} on 127.0.0.1 over a fresh connection, as cheap as the polling needs it:
 * a refused connection (nothing listens yet) costs well under a millisecond.
 */
final class HealthProbe {
  static final String PATH = "/api/health";
  /** No answer within this long counts as none; the caller polls again. */
  private static final int TIMEOUT_MS = 2_000;
  private static final int MAX_STATUS_LINE = 256;

  private HealthProbe() {}

  /** The answer's status code, or -1 when there was none (refused, reset, timed out, not HTTP). */
  static int status(int port) {
    return send(port, "GET " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n");
  }

  /**
   * A viewer's first request: a guest identity ({@code POST /api/auth/guest}), which goes through the
   * database, JSON and token signing. Its status code, or -1 as for {@link #status}.
   */
  static int firstRequest(int port) {
    String body = "{\"displayName\":\"Bench\"}";
    return send(port, "POST /api/auth/guest HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json"
        + "\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
  }

  private static int send(int port, String request) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MS);
      s.setSoTimeout(TIMEOUT_MS);
      s.setTcpNoDelay(true);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return statusCode(readLine(s.getInputStream()));
    } catch (IOException notYet) {
      return -1;
    }
  }

  /** The code in an HTTP/1.x status line ({@code HTTP/1.1 200 OK}), or -1 when it is not one. */
  static int statusCode(String statusLine) {
    if (statusLine == null) return -1;
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || parts[1].length() != 3) return -1;
    try {
      return Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Up to the first CRLF; null when the connection ended first or the line is implausibly long. */
  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b; (b = in.read()) != -1; ) {
      if (b == '\n') return line.toString().stripTrailing();
      if (line.length() >= MAX_STATUS_LINE) return null;
      line.append((char) b);
    }
    return null;
  }
}
