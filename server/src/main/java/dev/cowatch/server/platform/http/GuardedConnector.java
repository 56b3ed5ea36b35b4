package dev.cowatch.server.platform.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * The server's connector, with two defences Jetty lacks:
 *
 * <ul>
 *   <li>connections per client address: one past the limit is kept open just long enough for
 *       {@link RefusedConnections} to answer its first request with 429 (a clear error rather than a
 *       reset), then closed. Counted per end point, which stays the same when HTTP upgrades to
 *       WebSocket, so sockets count too.
 *   <li>slow request headers (slow-loris): Jetty's idle timeout restarts at every byte, so a client
 *       sending a header byte every few seconds would hold a connection for ever. {@link #sweep}
 *       closes a connection whose request headers (or first request) are not complete within the
 *       hello timeout.
 * </ul>
 */
public final class GuardedConnector extends ServerConnector {
  private final AddressCounts counts;
  private final long headerTimeoutNanos;
  /** Each open end point's address, remembered: a closed socket no longer tells its peer's. */
  private final Map<EndPoint, InetAddress> addresses = new ConcurrentHashMap<>();
  private final Set<EndPoint> refused = ConcurrentHashMap.newKeySet();
  private final Map<EndPoint, Waiting> waiting = new ConcurrentHashMap<>();

  /** Since when a connection has been waiting for the request counted {@code messagesIn}. */
  private record Waiting(long messagesIn, long sinceNanos) {}

  public GuardedConnector(Server server, ConnectionFactory factory, int connectionsPerAddress, long headerTimeoutMs) {
    super(server, factory);
    this.counts = new AddressCounts(connectionsPerAddress);
    this.headerTimeoutNanos = headerTimeoutMs * 1_000_000;
  }

  @Override
  protected SocketChannelEndPoint newEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key) {
    // As Jetty's own, but one that knows when the server owes it a read (see the guards).
    ReadOwedEndPoint endPoint = new ReadOwedEndPoint(channel, selector, key, getScheduler());
    endPoint.setIdleTimeout(getIdleTimeout());
    return endPoint;
  }

  /**
   * Whether the connection waits for its client's bytes, not for this server to read those that came: a guard that
   * closes a client for saying nothing in time asks this first.
   */
  public static boolean waitsForClient(EndPoint endPoint) {
    return ReadOwedEndPoint.waitsForClient(endPoint);
  }

  @Override
  protected void onEndPointOpened(EndPoint endPoint) {
    super.onEndPointOpened(endPoint);
    InetAddress address = addressOf(endPoint.getRemoteSocketAddress());
    if (address == null) return;
    addresses.put(endPoint, address);
    if (!counts.opened(address)) refused.add(endPoint);
  }

  @Override
  protected void onEndPointClosed(EndPoint endPoint) {
    InetAddress address = addresses.remove(endPoint);
    if (address != null) counts.closed(address);
    refused.remove(endPoint);
    waiting.remove(endPoint);
    super.onEndPointClosed(endPoint);
  }

  /** Whether this connection is one past its address's limit. */
  boolean refuses(EndPoint endPoint) {
    return refused.contains(endPoint);
  }

  int limit() {
    return counts.limit();
  }

  /**
   * Closes HTTP connections that have spent longer than the hello timeout on one request's headers,
   * or on their first request; run about once a second. Reads the parser's state from another
   * thread without a lock: a stale read only delays a close to the next sweep.
   *
   * <p>Only while the connection waits for its client's bytes: one whose bytes came and wait for this server to read
   * them (its threads busy) is the server's delay, not a slow client's. In a join storm on two saturated cores,
   * 150-400 viewers a run were closed while upgrading, their whole request sent seconds before.
   */
  public void sweep(long nowNanos) {
    for (EndPoint endPoint : getConnectedEndPoints()) {
      Connection c = endPoint.getConnection();
      boolean slow = c instanceof HttpConnection http
          && (http.getParser().isStart() ? http.getMessagesIn() == 0 : http.getParser().inHeaderState());
      if (!slow) {
        waiting.remove(endPoint);
        continue;
      }
      long messagesIn = c.getMessagesIn();
      Waiting w = waiting.compute(endPoint,
          (e, old) -> old != null && old.messagesIn() == messagesIn ? old : new Waiting(messagesIn, nowNanos));
      if (nowNanos - w.sinceNanos() > headerTimeoutNanos && waitsForClient(endPoint)) endPoint.close();
    }
  }

  private static InetAddress addressOf(SocketAddress a) {
    return a instanceof InetSocketAddress inet ? inet.getAddress() : null;
  }
}
