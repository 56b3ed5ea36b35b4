package dev.cowatch.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Many WebSocket client connections on one selector thread: no thread, and only a few hundred
 * bytes, per connection, so one process can hold tens of thousands beside the server it measures.
 * Everything about a connection happens on this thread; other threads hand work over with
 * {@link #execute}. Timers ({@link #at}) run on it too.
 */
final class WsLoop implements AutoCloseable {
  private record Timer(long atNanos, long seq, Runnable task) {}

  private final Selector selector;
  private final Thread thread;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) ->
      a.atNanos != b.atNanos ? Long.compare(a.atNanos, b.atNanos) : Long.compare(a.seq, b.seq));
  private final ByteBuffer readBuffer = ByteBuffer.allocate(256 * 1024);
  private long timerSeq;
  private volatile boolean running = true;

  WsLoop(String name) {
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    thread = Thread.ofPlatform().daemon().name(name).start(this::run);
  }

  /** Runs {@code task} on the loop's thread, soon. */
  void execute(Runnable task) {
    tasks.add(task);
    selector.wakeup();
  }

  /** Runs {@code task} on the loop's thread at {@code atNanos} ({@link System#nanoTime}); on the loop's thread. */
  void at(long atNanos, Runnable task) {
    timers.add(new Timer(atNanos, timerSeq++, task));
  }

  /** Opens a connection from {@code local} (port chosen by the system) and upgrades it; on the loop's thread. */
  WsConn connect(InetSocketAddress local, InetSocketAddress server, String path, WsConn.Handler handler) {
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    WsConn c = new WsConn(this, handler, path, Base64.getEncoder().encodeToString(nonce));
    try {
      SocketChannel ch = SocketChannel.open();
      c.channel = ch;
      ch.configureBlocking(false);
      ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      ch.bind(local);
      c.selectionKey = ch.register(selector, SelectionKey.OP_CONNECT, c);
      if (ch.connect(server)) connected(c);
    } catch (IOException e) {
      fail(c, "connect failed: " + e.getMessage());
    }
    return c;
  }

  int nextMask() {
    return ThreadLocalRandom.current().nextInt();
  }

  void send(WsConn c, ByteBuffer frame) {
    if (c.state == WsConn.State.CLOSED) return;
    if (!c.unsent.isEmpty()) {
      c.unsent.add(frame);
      return;
    }
    try {
      c.channel.write(frame);
    } catch (IOException e) {
      fail(c, "write failed: " + e.getMessage());
      return;
    }
    if (frame.hasRemaining()) {
      c.unsent.add(frame);
      c.selectionKey.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
    }
  }

  void closeQuietly(WsConn c) {
    if (c.state == WsConn.State.CLOSED) return;
    if (c.state == WsConn.State.OPEN) {
      send(c, WsFrames.clientFrame(WsFrames.OP_CLOSE, new byte[] {0x03, (byte) 0xE8}, nextMask()));
    }
    c.state = WsConn.State.CLOSED;
    drop(c);
  }

  private void run() {
    try {
      while (running) {
        long wait = runDueTimers();
        selector.select(wait);
        for (Runnable t; (t = tasks.poll()) != null; ) t.run();
        var keys = selector.selectedKeys();
        for (SelectionKey k : keys) handle(k);
        keys.clear();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (SelectionKey k : selector.keys()) {
        if (k.attachment() instanceof WsConn c) drop(c);
      }
      try {
        selector.close();
      } catch (IOException ignored) {
        // Closing at the end; nothing to do about it.
      }
    }
  }

  /** Runs due timers; returns how long select may wait (ms, 0 = forever). */
  private long runDueTimers() {
    long now = System.nanoTime();
    Timer t;
    while ((t = timers.peek()) != null && t.atNanos <= now) {
      timers.poll();
      t.task.run();
      now = System.nanoTime();
    }
    if (t == null) return 0;
    return Math.max(1, (t.atNanos - now + 999_999) / 1_000_000);
  }

  private void handle(SelectionKey k) {
    WsConn c = (WsConn) k.attachment();
    try {
      if (!k.isValid()) return;
      if (k.isConnectable()) {
        if (c.channel.finishConnect()) connected(c);
        return;
      }
      if (k.isWritable()) flush(c);
      if (k.isValid() && k.isReadable()) read(c);
    } catch (IOException e) {
      fail(c, (c.state == WsConn.State.OPEN ? "connection lost: " : "connect failed: ") + e.getMessage());
    } catch (CancelledKeyException e) {
      // Closed while its events were pending.
    }
  }

  private void connected(WsConn c) throws IOException {
    c.state = WsConn.State.UPGRADING;
    InetSocketAddress remote = (InetSocketAddress) c.channel.getRemoteAddress();
    c.selectionKey.interestOps(SelectionKey.OP_READ);
    send(c, ByteBuffer.wrap(WsHandshake.request(remote.getHostString(), remote.getPort(), c.path, c.key)));
  }

  private void flush(WsConn c) throws IOException {
    while (!c.unsent.isEmpty()) {
      ByteBuffer b = c.unsent.peek();
      c.channel.write(b);
      if (b.hasRemaining()) return;
      c.unsent.poll();
    }
    c.selectionKey.interestOps(SelectionKey.OP_READ);
  }

  private void read(WsConn c) throws IOException {
    readBuffer.clear();
    int n = c.channel.read(readBuffer);
    long now = System.nanoTime();
    if (n < 0) {
      fail(c, c.state == WsConn.State.OPEN ? "connection closed by the server without a close frame" : "closed while upgrading");
      return;
    }
    if (n == 0) return;
    byte[] buf;
    int limit;
    if (c.pending == null) {
      buf = readBuffer.array();
      limit = n;
    } else {
      buf = new byte[c.pending.length + n];
      System.arraycopy(c.pending, 0, buf, 0, c.pending.length);
      System.arraycopy(readBuffer.array(), 0, buf, c.pending.length, n);
      limit = buf.length;
      c.pending = null;
    }
    int pos = 0;
    if (c.state == WsConn.State.UPGRADING) {
      int end = WsHandshake.headEnd(buf, limit);
      if (end < 0) {
        c.pending = java.util.Arrays.copyOf(buf, limit);
        return;
      }
      String refusal = WsHandshake.refusal(new String(buf, 0, end, StandardCharsets.ISO_8859_1), c.key);
      if (refusal != null) {
        fail(c, refusal);
        return;
      }
      c.state = WsConn.State.OPEN;
      c.handler.opened(c);
      pos = end;
    }
    while (pos < limit && c.state == WsConn.State.OPEN) {
      WsFrames.Header h = WsFrames.header(buf, pos, limit);
      if (h == null || limit - pos - h.headerBytes() < h.payloadLength()) break;
      int start = pos + h.headerBytes();
      int len = (int) h.payloadLength();
      pos = start + len;
      frame(c, h, buf, start, len, now);
    }
    if (pos < limit && c.state == WsConn.State.OPEN) c.pending = java.util.Arrays.copyOfRange(buf, pos, limit);
  }

  private void frame(WsConn c, WsFrames.Header h, byte[] buf, int start, int len, long now) {
    switch (h.opcode()) {
      case WsFrames.OP_TEXT, WsFrames.OP_CONTINUATION -> {
        if (h.fin() && c.fragments == null) {
          c.handler.text(c, buf, start, len, now);
          return;
        }
        if (c.fragments == null) c.fragments = new java.io.ByteArrayOutputStream();
        c.fragments.write(buf, start, len);
        if (h.fin()) {
          byte[] whole = c.fragments.toByteArray();
          c.fragments = null;
          c.handler.text(c, whole, 0, whole.length, now);
        }
      }
      case WsFrames.OP_PING -> send(c, WsFrames.clientFrame(WsFrames.OP_PONG,
          java.util.Arrays.copyOfRange(buf, start, start + len), nextMask()));
      case WsFrames.OP_CLOSE -> {
        int code = len >= 2 ? ((buf[start] & 0xFF) << 8) | (buf[start + 1] & 0xFF) : 1005;
        String reason = len > 2 ? new String(buf, start + 2, len - 2, StandardCharsets.UTF_8) : "";
        send(c, WsFrames.clientFrame(WsFrames.OP_CLOSE, java.util.Arrays.copyOfRange(buf, start, start + Math.min(len, 2)),
            nextMask()));
        fail(c, "closed by the server: " + code + " " + reason);
      }
      default -> { }
    }
  }

  private void fail(WsConn c, String why) {
    if (c.state == WsConn.State.CLOSED) return;
    c.state = WsConn.State.CLOSED;
    drop(c);
    c.handler.closed(c, why);
  }

  private void drop(WsConn c) {
    if (c.selectionKey != null) c.selectionKey.cancel();
    try {
      if (c.channel != null) c.channel.close();
    } catch (IOException ignored) {
      // Already gone.
    }
  }

  @Override
  public void close() {
    running = false;
    selector.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
