package dev.cowatch.server.platform.http;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who the client of a request is: the one function every limit, audit entry and log line that names
 * a client address goes through (Javalin's {@code ctx.ip()} is set to it in {@code CowatchServer}).
 *
 * <p>{@code X-Forwarded-For} is anyone's to write, so it is read only when the connection comes from a
 * proxy the operator named ({@code --trusted-proxies}). Then its list is walked from the right (the
 * entries a trusted proxy appended are the rightmost), skipping trusted addresses; the first one that is
 * not trusted is the client. Whatever a client wrote itself lies further left and is never reached, so a
 * spoofed header buys nothing. An entry that is not an address ends the walk: the last address read is
 * the client (what the proxy nearest to it saw). Without trusted proxies, and for any connection from
 * elsewhere, the client is the socket's peer and the header is ignored.
 */
public final class TrustedProxies {
  public static final String HEADER = "X-Forwarded-For";
  /** Entries read at most: a proxy chain is a few hops; a longer list is a client padding it. */
  static final int MAX_HOPS = 32;

  private static final TrustedProxies NONE = new TrustedProxies(List.of());

  private final List<Cidr> blocks;

  private TrustedProxies(List<Cidr> blocks) {
    this.blocks = List.copyOf(blocks);
  }

  /** Trust no proxy: every client is its socket's peer. */
  public static TrustedProxies none() {
    return NONE;
  }

  public static TrustedProxies of(List<Cidr> blocks) {
    return blocks.isEmpty() ? NONE : new TrustedProxies(blocks);
  }

  /**
   * Reads {@code --trusted-proxies}: CIDR blocks or addresses separated by commas or spaces, e.g.
   * {@code 127.0.0.1,::1} or {@code 10.0.0.0/8 fd00::/8}; blank is none.
   *
   * @throws IllegalArgumentException naming the entry that is not a block
   */
  public static TrustedProxies parse(String list) {
    if (list == null || list.isBlank()) return NONE;
    List<Cidr> blocks = new ArrayList<>();
    for (String entry : list.strip().split("[,\\s]+")) {
      if (!entry.isEmpty()) blocks.add(Cidr.parse(entry));
    }
    return of(blocks);
  }

  public boolean isEmpty() {
    return blocks.isEmpty();
  }

  public List<Cidr> blocks() {
    return blocks;
  }

  boolean trusts(InetAddress address) {
    for (Cidr b : blocks) {
      if (b.contains(address)) return true;
    }
    return false;
  }

  /**
   * The client of a request that came from {@code peer} (the socket's remote address, as Jetty gives it)
   * with these {@code X-Forwarded-For} header values, in the order they came; the address in canonical
   * form, so that one client is one key whichever way it was spelled.
   */
  public String clientAddress(String peer, List<String> forwardedFor) {
    Optional<InetAddress> direct = IpLiteral.parse(peer);
    if (direct.isEmpty()) return peer; // not an address (a Unix socket, a test's fake): as it is
    InetAddress client = direct.get();
    if (blocks.isEmpty() || !trusts(client)) return canonical(client);
    List<String> hops = hops(forwardedFor);
    for (int i = hops.size() - 1; i >= 0 && trusts(client); i--) {
      Optional<InetAddress> next = IpLiteral.parse(hops.get(i));
      if (next.isEmpty()) break;
      client = next.get();
    }
    return canonical(client);
  }

  /** The entries of every header value, left to right, the rightmost {@link #MAX_HOPS} of them. */
  private static List<String> hops(List<String> values) {
    List<String> hops = new ArrayList<>();
    if (values == null) return hops;
    for (String v : values) {
      if (v == null) continue;
      for (String e : v.split(",")) hops.add(e.strip());
    }
    return hops.size() <= MAX_HOPS ? hops : hops.subList(hops.size() - MAX_HOPS, hops.size());
  }

  private static String canonical(InetAddress a) {
    return a.getHostAddress();
  }

  @Override
  public String toString() {
    return blocks.isEmpty() ? "none" : blocks.toString();
  }
}
