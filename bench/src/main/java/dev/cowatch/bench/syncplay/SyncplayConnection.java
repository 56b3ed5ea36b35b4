package dev.cowatch.bench.syncplay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * One member's connection to the Syncplay server: its socket, the bytes of a line not yet ended,
 * what the socket could not take yet, and the member's protocol state. Owned by the
 * {@link SyncplayLoop} thread; nothing here is thread-safe.
 */
final class SyncplayConnection {
  private final int index;
  private final String requestedName;
  private final String room;
  private final MemberProtocol protocol = new MemberProtocol();
  private final LineFramer framer = new LineFramer();
  private final ArrayDeque<ByteBuffer> unsent = new ArrayDeque<>();
  private SocketChannel channel;
  private SelectionKey key;
  private String name;
  private boolean closed;

  SyncplayConnection(int index, String requestedName, String room) {
    this.index = index;
    this.requestedName = requestedName;
    this.room = room;
  }

  /** The member's number in its run, from 0. */
  int index() {
    return index;
  }

  String room() {
    return room;
  }

  String requestedName() {
    return requestedName;
  }

  /** The name the server gave this member in its Hello (it appends "_" to a taken one); null before. */
  String name() {
    return name;
  }

  boolean loggedIn() {
    return name != null;
  }

  boolean closed() {
    return closed;
  }

  MemberProtocol protocol() {
    return protocol;
  }

  LineFramer framer() {
    return framer;
  }

  void attach(SocketChannel channel, SelectionKey key) {
    this.channel = channel;
    this.key = key;
  }

  SocketChannel channel() {
    return channel;
  }

  SelectionKey key() {
    return key;
  }

  void loggedInAs(String serverName) {
    this.name = serverName;
  }

  /** Sends {@code line} with Syncplay's CRLF now, as far as the socket takes it. */
  void send(String line) throws IOException {
    queue(line);
    drain();
  }

  /**
   * Queues {@code line} (with Syncplay's CRLF) for the next {@link #drain}. True when nothing was
   * queued before, so the caller knows to drain this connection.
   */
  boolean queue(String line) {
    if (closed) return false;
    boolean first = unsent.isEmpty();
    unsent.add(ByteBuffer.wrap((line + "\r\n").getBytes(StandardCharsets.UTF_8)));
    return first;
  }

  /** Writes what is queued; what the socket cannot take now waits until it says it is writable. */
  void drain() throws IOException {
    if (closed) return;
    while (!unsent.isEmpty()) {
      ByteBuffer next = unsent.peek();
      channel.write(next);
      if (next.hasRemaining()) {
        key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
        return;
      }
      unsent.poll();
    }
    if ((key.interestOps() & SelectionKey.OP_WRITE) != 0) key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
  }

  void close() {
    if (closed) return;
    closed = true;
    unsent.clear();
    if (key != null) key.cancel();
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Closing a socket of a finished run: nothing to do about a failure.
      }
    }
  }
}
