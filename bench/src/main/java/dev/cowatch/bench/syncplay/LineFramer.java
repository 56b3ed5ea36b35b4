package dev.cowatch.bench.syncplay;

import java.io.IOException;
import java.util.Arrays;

/**
 * Cuts one connection's bytes into Syncplay's lines. Twisted's LineReceiver ends them with CRLF; a
 * lone LF is accepted too and the CR is not part of the line. Bytes of a line cut by a read wait
 * here for the rest; a line within one read is handed on from the read buffer without copying.
 */
final class LineFramer {
  /** Receives each complete line: {@code bytes[offset, offset + length)}, without its line end. */
  interface Sink {
    void line(byte[] bytes, int offset, int length) throws IOException;
  }

  /**
   * Far above any line this client is sent (a user list of 1000 members, which it never asks for,
   * would be ~200 KiB); a server sending more is broken, not slow.
   */
  static final int MAX_LINE = 1 << 20;

  private byte[] partial = new byte[0];
  private int partialLength;

  /** Hands every line completed by {@code bytes[offset, offset + length)} to {@code sink}, in order. */
  void feed(byte[] bytes, int offset, int length, Sink sink) throws IOException {
    int end = offset + length;
    int start = offset;
    for (int i = offset; i < end; i++) {
      if (bytes[i] != '\n') continue;
      if (partialLength == 0) {
        deliver(bytes, start, i - start, sink);
      } else {
        keep(bytes, start, i - start);
        int n = partialLength;
        partialLength = 0;
        deliver(partial, 0, n, sink);
      }
      start = i + 1;
    }
    if (start < end) keep(bytes, start, end - start);
  }

  /** Bytes of a line not yet ended. */
  int pending() {
    return partialLength;
  }

  private void keep(byte[] bytes, int offset, int length) throws IOException {
    if (partialLength + length > MAX_LINE) throw new IOException("a line longer than " + MAX_LINE + " bytes");
    if (partialLength + length > partial.length) {
      partial = Arrays.copyOf(partial, Math.max(partialLength + length, Math.max(256, partial.length * 2)));
    }
    System.arraycopy(bytes, offset, partial, partialLength, length);
    partialLength += length;
  }

  private static void deliver(byte[] bytes, int offset, int length, Sink sink) throws IOException {
    if (length > MAX_LINE) throw new IOException("a line longer than " + MAX_LINE + " bytes");
    if (length > 0 && bytes[offset + length - 1] == '\r') length--;
    sink.line(bytes, offset, length);
  }
}
