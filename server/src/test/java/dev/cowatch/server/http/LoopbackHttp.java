package dev.cowatch.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One raw HTTP/1.1 connection to a test server on loopback, kept open between requests, so a test
 * controls exactly how many connections it holds and what bytes go on the wire.
 */
final class LoopbackHttp implements AutoCloseable {
  record Reply(int status, String headers, String body) {
    String header(String name) {
      for (String line : headers.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) return line.substring(colon + 1).strip();
      }
      return null;
    }
  }

  final Socket socket;

  LoopbackHttp(int port) throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(10_000);
  }

  void send(String raw) throws IOException {
    socket.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
  }

  Reply get(String path) throws IOException {
    send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
    return read();
  }

  /** A response with a Content-Length (every one of ours). */
  Reply read() throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) throw new IOException("closed before a response");
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String headers = head.toString(StandardCharsets.ISO_8859_1);
    int status = Integer.parseInt(headers.substring(9, 12));
    Reply partial = new Reply(status, headers, "");
    String length = partial.header("Content-Length");
    byte[] body = length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length.toLowerCase(Locale.ROOT)));
    return new Reply(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  /** Whether the server has closed this connection (reads to the end, within the socket timeout). */
  boolean closedByServer() {
    try {
      InputStream in = socket.getInputStream();
      while (true) {
        if (in.read() < 0) return true;
      }
    } catch (java.net.SocketException reset) {
      return true;
    } catch (IOException timedOut) {
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
