package dev.cowatch.bench.load;

import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/** One client connection of a {@link WsLoop}. Touched only on its loop's thread. */
final class WsConn {
  /** What happens on a connection; called on the loop's thread, must not block. */
  interface Handler {
    void opened(WsConn c);

    /** A whole text message; the bytes are only valid during the call. */
    void text(WsConn c, byte[] buf, int off, int len, long receivedNanos);

    /** The connection ended; {@code why} says how. Called once. */
    void closed(WsConn c, String why);
  }

  enum State { CONNECTING, UPGRADING, OPEN, CLOSED }

  final WsLoop loop;
  final Handler handler;
  final String path;
  final String key;
  SocketChannel channel;
  SelectionKey selectionKey;
  State state = State.CONNECTING;
  /** Bytes read but not yet a whole frame (or, while upgrading, the response head so far). */
  byte[] pending;
  /** Payload of a fragmented message so far. */
  java.io.ByteArrayOutputStream fragments;
  final ArrayDeque<ByteBuffer> unsent = new ArrayDeque<>();

  WsConn(WsLoop loop, Handler handler, String path, String key) {
    this.loop = loop;
    this.handler = handler;
    this.path = path;
    this.key = key;
  }

  boolean isOpen() {
    return state == State.OPEN;
  }

  /** Sends a text message; on the loop's thread. */
  void sendText(byte[] utf8) {
    loop.send(this, WsFrames.clientFrame(WsFrames.OP_TEXT, utf8, loop.nextMask()));
  }

  /** Says goodbye with a close frame and drops the connection; no {@code closed} call follows. */
  void close() {
    loop.closeQuietly(this);
  }
}
