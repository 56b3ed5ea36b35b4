package dev.cowatch.server.media;

import java.util.ArrayList;
import java.util.List;

/**
 * One satisfiable byte range of a representation, {@code first..last} inclusive (RFC 9110 §14.1.2),
 * and the pure parser that turns a {@code Range} header into what to answer.
 *
 * <p>Decisions, all allowed by RFC 9110 §14.2 ("a server MAY ignore the Range header field"):
 * <ul>
 *   <li>no header: {@link None}, answer 200 with the whole representation;
 *   <li>a unit other than {@code bytes} (compared case-insensitively), a malformed range set, a
 *       range whose last position is before its first, or more than one range: {@link Ignored}, answer
 *       200 with the whole representation. Multipart/byteranges answers are never produced: players
 *       ask for one range at a time, and one 200 costs less than a multipart body;
 *   <li>one range that starts inside the representation: {@link Satisfiable}, its end clamped to
 *       {@code size - 1}, answer 206;
 *   <li>one range that starts at or beyond the end, or the suffix {@code -0}: {@link Unsatisfiable},
 *       answer 416 with {@code Content-Range: bytes *&#47;size}.
 * </ul>
 * A suffix longer than the representation means all of it ({@code bytes=-500} of 100 bytes is 0-99).
 * An empty representation has no byte to send in a 206: a suffix range is answered whole (200, no
 * bytes) and any {@code first-last} range is unsatisfiable. Positions too large for a {@code long}
 * count as infinitely large (a first position past the end, a last position clamped, a suffix of
 * everything). Optional whitespace is tolerated around {@code =}, {@code ,} and {@code -}; empty list
 * elements ({@code bytes=0-1,}) are skipped as RFC 9110 §5.6.1 asks.
 */
public record ByteRange(long first, long last) {
  public ByteRange {
    if (first < 0 || last < first) throw new IllegalArgumentException("not a byte range: " + first + "-" + last);
  }

  public long length() {
    return last - first + 1;
  }

  /** The value of {@code Content-Range} for this range of a representation of {@code size} bytes. */
  public String contentRange(long size) {
    return "bytes " + first + "-" + last + "/" + size;
  }

  /** What a {@code Range} header asks for. */
  public sealed interface Verdict permits None, Ignored, Satisfiable, Unsatisfiable {}

  /** No {@code Range} header: the whole representation. */
  public record None() implements Verdict {}

  /** A header this server does not honour (see the class comment): the whole representation. */
  public record Ignored(String reason) implements Verdict {}

  /** One range inside the representation: 206. */
  public record Satisfiable(ByteRange range) implements Verdict {}

  /** A range past the end: 416. */
  public record Unsatisfiable() implements Verdict {}

  private static final long INFINITE = Long.MAX_VALUE;

  /**
   * Whether {@code unit} is "bytes" in any ASCII case. Not {@link String#equalsIgnoreCase}: it folds Unicode case,
   * so "byte\u017f" (a long s, whose upper case is S) would pass for the unit (found by ByteRangeFuzzTest).
   */
  static boolean isBytesUnit(String unit) {
    return unit.length() == 5 && unit.chars().allMatch(c -> c < 128) && unit.equalsIgnoreCase("bytes");
  }

  /** The verdict on {@code header} (null: none) for a representation of {@code size} bytes. */
  public static Verdict parse(String header, long size) {
    if (size < 0) throw new IllegalArgumentException("size must not be negative");
    if (header == null) return new None();
    int eq = header.indexOf('=');
    if (eq < 0) return new Ignored("no '='");
    if (!isBytesUnit(header.substring(0, eq).strip())) return new Ignored("not the bytes unit");
    List<String> specs = new ArrayList<>();
    for (String element : header.substring(eq + 1).split(",", -1)) {
      if (!element.isBlank()) specs.add(element.strip());
    }
    if (specs.isEmpty()) return new Ignored("no range");
    if (specs.size() > 1) return new Ignored("more than one range");
    String spec = specs.get(0);
    int dash = spec.indexOf('-');
    if (dash < 0) return new Ignored("no '-'");
    String before = spec.substring(0, dash).strip();
    String after = spec.substring(dash + 1).strip();
    if (before.isEmpty()) {
      long suffix = position(after);
      if (suffix < 0) return new Ignored("malformed suffix length");
      if (suffix == 0) return new Unsatisfiable();
      if (size == 0) return new Ignored("an empty representation has no bytes to send in a 206");
      return new Satisfiable(new ByteRange(size - Math.min(suffix, size), size - 1));
    }
    long first = position(before);
    if (first < 0) return new Ignored("malformed first position");
    long last;
    if (after.isEmpty()) {
      last = INFINITE;
    } else {
      last = position(after);
      if (last < 0) return new Ignored("malformed last position");
      if (last < first) return new Ignored("last position before first");
    }
    if (first >= size) return new Unsatisfiable();
    return new Satisfiable(new ByteRange(first, Math.min(last, size - 1)));
  }

  /** Decimal digits only (no sign); -1 when not; {@link #INFINITE} when beyond a long. */
  private static long position(String digits) {
    if (digits.isEmpty()) return -1;
    long value = 0;
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') return -1;
      if (value > (INFINITE - (c - '0')) / 10) {
        value = INFINITE; // keep checking that the rest are digits
      } else if (value != INFINITE) {
        value = value * 10 + (c - '0');
      }
    }
    return value;
  }
}
