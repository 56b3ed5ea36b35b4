package dev.cowatch.server.platform.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IP address written out (IPv4 dotted quad, IPv6 with or without brackets), read without ever
 * asking DNS: {@code InetAddress.getByName("evil.example")} would resolve a name a client sent, so
 * only text that is already an address reaches it. (Java 21 has no {@code InetAddress.ofLiteral}.)
 */
final class IpLiteral {
  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  /** Hex groups, colons, an embedded IPv4 tail; no zone (a zone names an interface of the sender's machine). */
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  private IpLiteral() {}

  /** The address {@code text} spells, or empty when it spells none (a name, a port, garbage). */
  static Optional<InetAddress> parse(String text) {
    if (text == null) return Optional.empty();
    String t = text.strip();
    if (t.startsWith("[") && t.endsWith("]")) t = t.substring(1, t.length() - 1);
    if (t.isEmpty()) return Optional.empty();
    var v4 = IPV4.matcher(t);
    if (v4.matches()) {
      for (int g = 1; g <= 4; g++) {
        if (Integer.parseInt(v4.group(g)) > 255) return Optional.empty();
      }
    } else if (!t.contains(":") || !IPV6.matcher(t).matches()) {
      return Optional.empty();
    }
    try {
      // A literal (checked above): getByName parses it and asks no resolver.
      return Optional.of(InetAddress.getByName(t));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
