package dev.cowatch.server.platform.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a Redis run with Sentinel is found: the sentinels an operator names ({@code --redis-sentinel
 * host:port,host:port,...}) and the name they watch the primary under ({@code --redis-master}). Nodes ask the
 * sentinels for the primary when they connect and again whenever they reconnect, so a promotion needs no change
 * here. Written as the URL Lettuce reads: {@code redis-sentinel://h1:p1,h2:p2#name}.
 */
public final class SentinelAddress {
  /** At most this many sentinels are named: a deployment has three or five. */
  static final int MAX_SENTINELS = 16;
  /** A name or an IPv4 address: Lettuce's sentinel URLs take no IPv6 literal. */
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}");
  private static final Pattern MASTER_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private SentinelAddress() {}

  /**
   * @param sentinels {@code host:port} separated by commas
   * @param masterName the name in the sentinels' {@code sentinel monitor} line
   * @throws IllegalArgumentException naming what is wrong, for the operator
   */
  public static String url(String sentinels, String masterName) {
    if (masterName == null || !MASTER_NAME.matcher(masterName).matches()) {
      throw new IllegalArgumentException("--redis-master: '" + masterName
          + "' is not a master name (letters, digits, '.', '_' or '-', as in the sentinels' 'sentinel monitor' line)");
    }
    List<String> entries = new ArrayList<>();
    for (String raw : sentinels.split(",", -1)) {
      String entry = raw.strip();
      int colon = entry.lastIndexOf(':');
      if (colon <= 0 || !HOST.matcher(entry.substring(0, colon)).matches()) {
        throw new IllegalArgumentException("--redis-sentinel: '" + entry + "' is not host:port");
      }
      int port;
      try {
        port = Integer.parseInt(entry.substring(colon + 1));
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("--redis-sentinel: '" + entry + "' has no port from 1 to 65535");
      }
      entries.add(entry);
    }
    if (entries.size() > MAX_SENTINELS) {
      throw new IllegalArgumentException("--redis-sentinel: " + entries.size() + " sentinels named; at most "
          + MAX_SENTINELS);
    }
    return "redis-sentinel://" + String.join(",", entries) + "#" + masterName;
  }
}
