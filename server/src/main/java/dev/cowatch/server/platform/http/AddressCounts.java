package dev.cowatch.server.platform.http;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open connections per client address, against a limit. Counts every connection, refused ones
 * included: a refused socket is still a socket the client holds. Thread-safe (one atomic update per
 * open and close); an address leaves the map when its last connection closes.
 */
public final class AddressCounts {
  private final int limit;
  private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();

  public AddressCounts(int limit) {
    if (limit < 1) throw new IllegalArgumentException("the limit must be at least 1");
    this.limit = limit;
  }

  /** Counts a new connection from {@code address}; whether it is within the limit. */
  public boolean opened(InetAddress address) {
    return open.merge(address, 1, Integer::sum) <= limit;
  }

  public void closed(InetAddress address) {
    open.computeIfPresent(address, (a, n) -> n == 1 ? null : n - 1);
  }

  int openFrom(InetAddress address) {
    return open.getOrDefault(address, 0);
  }

  int addresses() {
    return open.size();
  }

  int limit() {
    return limit;
  }
}
