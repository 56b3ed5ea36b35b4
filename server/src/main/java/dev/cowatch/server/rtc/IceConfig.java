package dev.cowatch.server.rtc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The STUN and TURN servers browsers are told to use for peer-to-peer connections ({@code --ice-servers}).
 *
 * @param urls {@code stun:host[:port]}, {@code turn:host[:port][?transport=udp|tcp]} or {@code turns:...}
 * @param turnSecret coturn's {@code static-auth-secret} ({@code use-auth-secret}): TURN credentials are made
 *     from it per user and expire after {@code credentialTtl}; null: TURN URLs are handed out without
 *     credentials (a TURN server that needs none, or none configured)
 * @param credentialTtl how long a TURN credential lasts: long enough for a film, short enough that one
 *     copied out of a page is soon worthless
 */
public record IceConfig(List<String> urls, String turnSecret, Duration credentialTtl) {
  public static final Duration DEFAULT_TTL = Duration.ofHours(12);
  static final int MAX_URLS = 16;

  public IceConfig {
    urls = List.copyOf(urls);
    if (urls.size() > MAX_URLS) throw new IllegalArgumentException("at most " + MAX_URLS + " ICE servers");
    for (String u : urls) check(u);
    if (turnSecret != null && turnSecret.isBlank()) turnSecret = null;
    if (credentialTtl == null) credentialTtl = DEFAULT_TTL;
    if (credentialTtl.isNegative() || credentialTtl.isZero() || credentialTtl.compareTo(Duration.ofDays(7)) > 0) {
      throw new IllegalArgumentException("the TURN credential lifetime must be between 1 s and 7 days");
    }
  }

  /** No servers: browsers connect directly or through whatever their own configuration names. */
  public static IceConfig none() {
    return new IceConfig(List.of(), null, DEFAULT_TTL);
  }

  /** {@code --ice-servers}: URLs separated by commas or spaces; empty for none. */
  public static IceConfig parse(String list, String turnSecret, Duration ttl) {
    List<String> urls = new ArrayList<>();
    if (list != null) {
      for (String part : list.split("[,\\s]+")) {
        if (!part.isBlank()) urls.add(part.strip());
      }
    }
    return new IceConfig(urls, turnSecret, ttl);
  }

  private static void check(String url) {
    String scheme = url.contains(":") ? url.substring(0, url.indexOf(':')) : "";
    if (!List.of("stun", "stuns", "turn", "turns").contains(scheme)) {
      throw new IllegalArgumentException("ICE server '" + url + "' must start with stun:, stuns:, turn: or turns:");
    }
    String rest = url.substring(scheme.length() + 1);
    String host = rest.startsWith("[") ? rest.substring(0, Math.max(rest.indexOf(']') + 1, 0)) : rest.split("[?:]", 2)[0];
    if (host.isBlank() || !host.matches("[A-Za-z0-9.\\[\\]:-]+")) {
      throw new IllegalArgumentException("ICE server '" + url + "' names no host");
    }
  }

  boolean isTurn(String url) {
    return url.startsWith("turn:") || url.startsWith("turns:");
  }
}
