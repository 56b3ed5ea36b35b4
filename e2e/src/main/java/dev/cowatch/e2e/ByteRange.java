package dev.cowatch.e2e;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code Range: bytes=...} request against a body of {@code size} bytes (RFC 9110 14.1.2):
 * {@code a-b}, {@code a-} or the suffix {@code -n}. A header that is absent, malformed or asks for
 * several ranges is ignored (the whole body, 200), which the RFC allows; a range starting past
 * the end, or an empty suffix, cannot be satisfied (416).
 */
public record ByteRange(long first, long last, boolean partial, boolean unsatisfiable) {
  private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  public long length() {
    return last - first + 1;
  }

  public static ByteRange parse(String header, long size) {
    ByteRange whole = new ByteRange(0, size - 1, false, false);
    if (header == null) return whole;
    Matcher m = SINGLE.matcher(header.strip());
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) return whole;
    try {
      if (m.group(1).isEmpty()) {
        long suffix = Long.parseLong(m.group(2));
        if (suffix == 0 || size == 0) return new ByteRange(0, -1, true, true);
        return new ByteRange(Math.max(0, size - suffix), size - 1, true, false);
      }
      long first = Long.parseLong(m.group(1));
      long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
      if (first >= size) return new ByteRange(0, -1, true, true);
      if (last < first) return whole;
      return new ByteRange(first, last, true, false);
    } catch (NumberFormatException e) {
      return whole; // more digits than a long holds: malformed
    }
  }
}
