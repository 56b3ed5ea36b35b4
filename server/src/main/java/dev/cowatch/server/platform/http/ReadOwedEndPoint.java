package dev.cowatch.server.platform.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * A socket that knows whether this server owes it a read: the selector found it readable and no read has taken the
 * bytes yet (its read waits for one of the server's threads). The guards that close a client for being slow (request
 * headers, the hello) ask it, so a server too busy to read is not taken for a slow client: in a join storm on two
 * saturated cores, 150-400 viewers a run were closed while upgrading and 20-30 for "no hello", their bytes sent
 * seconds before, when the connection's own read had not run yet (Jetty's fill interest stays set until it runs).
 */
final class ReadOwedEndPoint extends SocketChannelEndPoint {
  private volatile SelectionKey key;
  private volatile boolean readOwed;

  ReadOwedEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key, Scheduler scheduler) {
    super(channel, selector, key, scheduler);
    this.key = key;
  }

  /** Whether {@code endPoint} waits for its client's bytes rather than for this server to read those that came. */
  static boolean waitsForClient(EndPoint endPoint) {
    return !(endPoint instanceof ReadOwedEndPoint e) || !e.readOwed;
  }

  @Override
  public Runnable onSelected() {
    // On the selector's thread, while the key's ready set is this selection's.
    SelectionKey k = key;
    if (k.isValid() && (k.readyOps() & SelectionKey.OP_READ) != 0) readOwed = true;
    return super.onSelected();
  }

  @Override
  public int fill(ByteBuffer buffer) throws IOException {
    readOwed = false;
    return super.fill(buffer);
  }

  @Override
  public void replaceKey(SelectionKey newKey) {
    key = newKey;
    super.replaceKey(newKey);
  }
}
