package dev.cowatch.server.platform.http;

import java.net.InetAddress;

/** A block of addresses, {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a block of one. */
public record Cidr(byte[] network, int prefixBits) {

  /**
   * Reads {@code 192.168.0.0/16}, {@code ::1}, {@code 2001:db8::/32}.
   *
   * @throws IllegalArgumentException saying what is wrong, for the operator who wrote it
   */
  public static Cidr parse(String text) {
    String t = text.strip();
    int slash = t.indexOf('/');
    String address = slash < 0 ? t : t.substring(0, slash);
    InetAddress a = IpLiteral.parse(address).orElseThrow(() ->
        new IllegalArgumentException("'" + text + "' is not an address or a CIDR block (like 10.0.0.0/8 or ::1/128)"));
    byte[] bytes = a.getAddress();
    int bits = bytes.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String p = t.substring(slash + 1);
      if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > bits) {
        throw new IllegalArgumentException("'" + text + "': the prefix length must be 0-" + bits);
      }
      prefix = Integer.parseInt(p);
    }
    return new Cidr(masked(bytes, prefix), prefix);
  }

  public boolean contains(InetAddress address) {
    byte[] b = address.getAddress();
    return b.length == network.length && java.util.Arrays.equals(masked(b, prefixBits), network);
  }

  private static byte[] masked(byte[] address, int prefix) {
    byte[] out = address.clone();
    for (int i = 0; i < out.length; i++) {
      int keep = Math.clamp(prefix - i * 8L, 0, 8);
      out[i] &= (byte) (0xff << (8 - keep));
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr c && c.prefixBits == prefixBits && java.util.Arrays.equals(c.network, network);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(network) + prefixBits;
  }

  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixBits;
    } catch (java.net.UnknownHostException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
