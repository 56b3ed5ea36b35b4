package dev.cowatch.bench.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback that holds every chunk in each direction for a random one-way delay (base
 * ± jitter, uniform, order kept: {@link OrderedDelay}), so that a browser's HTTP and WebSocket
 * traffic to the server crosses something like a real network. Bytes are passed on unchanged. One
 * virtual thread reads and one writes per direction of each connection; closing the proxy closes
 * them all.
 */
public final class DelayProxy implements AutoCloseable {
  private static final int CHUNK = 16 * 1024;
  /** A queue entry that means "the other side closed": shut down output after what came before. */
  private static final Chunk END = new Chunk(0, new byte[0]);

  private record Chunk(long dueNanos, byte[] bytes) {}

  private final ServerSocket listener;
  private final InetSocketAddress target;
  private final double baseMs;
  private final double jitterMs;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private DelayProxy(InetSocketAddress target, double baseMs, double jitterMs) throws IOException {
    this.target = target;
    this.baseMs = baseMs;
    this.jitterMs = jitterMs;
    this.listener = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().name("delay-proxy-accept").start(this::accept);
  }

  /** Starts a proxy to {@code target} (loopback) adding {@code baseMs} ± {@code jitterMs} each way. */
  public static DelayProxy start(InetSocketAddress target, double baseMs, double jitterMs) throws IOException {
    return new DelayProxy(target, baseMs, jitterMs);
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** {@code uri} with its host and port replaced by the proxy's. */
  public URI front(URI uri) {
    return URI.create("http://127.0.0.1:" + port() + (uri.getRawPath() == null ? "" : uri.getRawPath()));
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket();
        server.connect(target, 5_000);
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        open.add(client);
        open.add(server);
        // Both sockets are closed once both directions have ended.
        Runnable ended = bothEnded(client, server);
        pipe(client, server, ended);
        pipe(server, client, ended);
      } catch (IOException e) {
        if (closed) return;
      }
    }
  }

  private Runnable bothEnded(Socket a, Socket b) {
    AtomicInteger left = new AtomicInteger(2);
    return () -> {
      if (left.decrementAndGet() > 0) return;
      closeQuietly(a);
      closeQuietly(b);
      open.remove(a);
      open.remove(b);
    };
  }

  private void pipe(Socket from, Socket to, Runnable ended) {
    BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
    OrderedDelay delay = new OrderedDelay(baseMs, jitterMs, () -> ThreadLocalRandom.current().nextDouble());
    Thread.ofVirtual().start(() -> read(from, delay, queue));
    Thread.ofVirtual().start(() -> {
      write(to, queue);
      ended.run();
    });
  }

  private static void read(Socket from, OrderedDelay delay, BlockingQueue<Chunk> queue) {
    byte[] buffer = new byte[CHUNK];
    try {
      // Not closed here: closing a socket's stream closes the socket, and the other direction may go on.
      InputStream in = from.getInputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        double dueMs = delay.dueMs(System.nanoTime() / 1e6);
        queue.add(new Chunk((long) (dueMs * 1e6), Arrays.copyOf(buffer, n)));
      }
    } catch (IOException e) {
      // closed from the other side or by close(): the writer ends what it has
    }
    queue.add(END);
  }

  private static void write(Socket to, BlockingQueue<Chunk> queue) {
    try {
      OutputStream out = to.getOutputStream();
      while (true) {
        Chunk c = queue.take();
        if (c == END) {
          to.shutdownOutput();
          return;
        }
        long wait = c.dueNanos() - System.nanoTime();
        if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
        out.write(c.bytes());
        out.flush();
      }
    } catch (IOException e) {
      closeQuietly(to);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already gone
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    listener.close();
    for (Socket s : open) closeQuietly(s);
  }
}
