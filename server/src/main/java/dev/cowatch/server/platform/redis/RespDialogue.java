package dev.cowatch.server.platform.redis;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A few commands said to one Redis (or sentinel) over a plain socket, in RESP: for finding out why a connection failed,
 * where a client library's exception says too little ({@link RedisProbe}). Not for traffic: one command at a time, a
 * bound on every answer, and answers of a few kilobytes at most.
 */
final class RespDialogue implements AutoCloseable {
  /** An error answer ("-NOAUTH ...", "-WRONGPASS ..."), in Redis's words. */
  record Refused(String said) {}

  private static final int MAX_BULK = 64 * 1024;
  private static final int MAX_ITEMS = 1024;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RespDialogue(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** Opens a dialogue with {@code host:port}, every step bound by {@code within}. */
  static RespDialogue open(String host, int port, Duration within) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), (int) within.toMillis());
      socket.setSoTimeout((int) within.toMillis());
      return new RespDialogue(socket);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /**
   * Says a command and reads its answer: a String (simple or bulk), a Long, a List of these, null (a nil), or a
   * {@link Refused}.
   */
  Object ask(String... command) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.writeBytes(("*" + command.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
    for (String part : command) {
      byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
      frame.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      frame.writeBytes(bytes);
      frame.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.write(frame.toByteArray());
    out.flush();
    return read();
  }

  private Object read() throws IOException {
    int kind = in.read();
    if (kind < 0) throw new EOFException("the connection was closed");
    String line = line();
    return switch (kind) {
      case '+' -> line;
      case '-' -> new Refused(line);
      case ':' -> Long.parseLong(line);
      case '_' -> null;
      case '$' -> bulk(Integer.parseInt(line));
      case '*' -> items(Integer.parseInt(line));
      default -> throw new IOException("not a RESP answer (it starts with '" + (char) kind + "')");
    };
  }

  private String bulk(int length) throws IOException {
    if (length < 0) return null;
    if (length > MAX_BULK) throw new IOException("an answer of " + length + " bytes");
    byte[] bytes = in.readNBytes(length + 2);
    if (bytes.length < length + 2) throw new EOFException("the connection was closed");
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  private List<Object> items(int count) throws IOException {
    if (count < 0) return null;
    if (count > MAX_ITEMS) throw new IOException("an answer of " + count + " items");
    List<Object> items = new ArrayList<>(count);
    for (int i = 0; i < count; i++) items.add(read());
    return items;
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\r'; b = in.read()) {
      if (b < 0) throw new EOFException("the connection was closed");
      if (line.size() > MAX_BULK) throw new IOException("a line longer than " + MAX_BULK + " bytes");
      line.write(b);
    }
    if (in.read() != '\n') throw new IOException("a line not ended by CRLF");
    return line.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
