package dev.cowatch.bridge;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A Unix domain socket carrying newline-terminated UTF-8 lines (mpv's JSON IPC). A virtual thread
 * reads lines and hands each to the consumer; writes are serialized by a lock. Lines longer than
 * {@link #MAX_LINE_BYTES} close the socket: a player never sends those, something else answers.
 */
public final class UnixLineSocket implements AutoCloseable {
  static final int MAX_LINE_BYTES = 1 << 20;

  private final SocketChannel channel;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final Thread reader;
  private volatile boolean closed;

  private UnixLineSocket(SocketChannel channel, Consumer<String> onLine, Runnable onClosed) {
    this.channel = channel;
    this.reader = Thread.ofVirtual().name("unix-line-reader").start(() -> readLoop(onLine, onClosed));
  }

  public static UnixLineSocket connect(Path path, Consumer<String> onLine, Runnable onClosed) throws IOException {
    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      ch.connect(UnixDomainSocketAddress.of(path));
    } catch (IOException e) {
      ch.close();
      throw e;
    }
    return new UnixLineSocket(ch, onLine, onClosed);
  }

  public void send(String line) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
    writeLock.lock();
    try {
      while (buf.hasRemaining()) channel.write(buf);
    } finally {
      writeLock.unlock();
    }
  }

  public boolean isOpen() {
    return !closed;
  }

  private void readLoop(Consumer<String> onLine, Runnable onClosed) {
    ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
    java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
    try {
      while (channel.read(buf) >= 0) {
        buf.flip();
        while (buf.hasRemaining()) {
          byte b = buf.get();
          if (b == '\n') {
            onLine.accept(line.toString(StandardCharsets.UTF_8));
            line.reset();
          } else {
            line.write(b);
            if (line.size() > MAX_LINE_BYTES) throw new IOException("line longer than " + MAX_LINE_BYTES + " bytes");
          }
        }
        buf.clear();
      }
    } catch (IOException | RuntimeException e) {
      // Closed by us or by the player; either way the socket is done.
    } finally {
      closed = true;
      try {
        channel.close();
      } catch (IOException ignored) {
        // already closing
      }
      onClosed.run();
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    reader.interrupt();
  }
}
