package dev.cowatch.bench.load;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Viewers spread over a few {@link WsLoop}s and over several loopback source addresses: one source
 * address has about 28,000 ephemeral ports toward one server port, so 50,000 connections need
 * more than one. Only ever connects to loopback.
 */
final class Crowd implements AutoCloseable {
  /** Source addresses 127.0.0.1 .. 127.0.0.SOURCES: ample for 200,000 connections. */
  static final int SOURCES = 8;

  private final WsLoop[] loops;
  private final InetSocketAddress server;
  /** Insertion-ordered, and a viewer that leaves is removed, so a run that churns for hours holds only who is here. */
  private final java.util.Set<Viewer> viewers = new java.util.LinkedHashSet<>();
  private final int sourceOffset;
  private int next;

  Crowd(int loops, InetSocketAddress server) {
    this(loops, server, 0);
  }

  /**
   * {@code sourceOffset}: the first source address is 127.0.0.(1 + offset), so load generators in
   * several processes do not compete for one address's ephemeral ports.
   */
  Crowd(int loops, InetSocketAddress server, int sourceOffset) {
    if (!server.getAddress().isLoopbackAddress()) throw new IllegalArgumentException("loopback only: " + server);
    this.loops = new WsLoop[loops];
    for (int i = 0; i < loops; i++) this.loops[i] = new WsLoop("load-" + i);
    this.server = server;
    this.sourceOffset = sourceOffset;
  }

  /**
   * Opens the viewer's connection to {@code path} from the next loop and source address; returns
   * at once (the connection proceeds on its loop).
   */
  void connect(Viewer v, String path) {
    connect(v, server, path);
  }

  /** The same toward another server (a node of a cluster); loopback only. */
  void connect(Viewer v, InetSocketAddress to, String path) {
    if (!to.getAddress().isLoopbackAddress()) throw new IllegalArgumentException("loopback only: " + to);
    int i = next++;
    WsLoop loop = loops[i % loops.length];
    InetSocketAddress local = new InetSocketAddress(source(sourceOffset + i / loops.length % SOURCES), 0);
    viewers.add(v);
    v.loop(loop);
    Runnable dial = () -> v.attach(loop.connect(local, to, path, v));
    v.redial(dial);
    loop.execute(dial);
  }

  /** Runs {@code task} on the viewer's loop. */
  static void on(Viewer v, Runnable task) {
    v.loop().execute(task);
  }

  /** Closes one viewer's connection (on its loop) and forgets it. */
  void leave(Viewer v) {
    viewers.remove(v);
    v.loop().execute(v::leave);
  }

  /** Closes every viewer's connection and waits until the loops have done it. */
  void leaveAll() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(loops.length);
    for (Viewer v : viewers) v.loop().execute(v::leave);
    for (WsLoop l : loops) l.execute(done::countDown);
    done.await(30, TimeUnit.SECONDS);
    viewers.clear();
  }

  private static InetAddress source(int k) {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (1 + k)});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    for (WsLoop l : loops) l.close();
  }
}
