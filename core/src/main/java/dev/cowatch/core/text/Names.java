package dev.cowatch.core.text;

import java.util.Optional;

/**
 * The one rule for every name people see: display names (over REST and WebSocket alike), room names,
 * showing and episode titles, media titles, subtitle labels. A name is 1 to {@code max} code points of
 * printable characters after its surrounding space is dropped. Control and format characters are
 * refused because they let a name pass for another: a right-to-left override (U+202E) reverses what
 * follows, zero-width ones (U+200B, U+FEFF) and isolates (U+2066) make two names look alike.
 */
public final class Names {
  private Names() {}

  /** The name as stored: surrounding white space dropped. */
  public static String normalize(String name) {
    return name == null ? null : name.strip();
  }

  /** Why the (normalized) name is not acceptable, or empty when it is. */
  public static Optional<String> problem(String name, int max) {
    if (name == null || name.isEmpty()) return Optional.of("required");
    if (name.codePointCount(0, name.length()) > max) return Optional.of("at most " + max + " characters");
    if (!name.equals(name.strip())) return Optional.of("no space around it");
    return name.codePoints().allMatch(Names::isPrintable) ? Optional.empty()
        : Optional.of("only printable characters");
  }

  public static boolean isValid(String name, int max) {
    return problem(name, max).isEmpty();
  }

  /** Not a control, format, separator-of-lines, private-use, surrogate or unassigned code point. */
  public static boolean isPrintable(int codePoint) {
    int type = Character.getType(codePoint);
    return type != Character.CONTROL && type != Character.FORMAT && type != Character.UNASSIGNED
        && type != Character.PRIVATE_USE && type != Character.SURROGATE && type != Character.LINE_SEPARATOR
        && type != Character.PARAGRAPH_SEPARATOR;
  }

  /**
   * A stored name made to follow the rule: one saved under an older, looser rule must still load. Drops
   * what is not printable, trims, cuts to {@code max} code points; {@code fallback} when nothing is left.
   */
  public static String repaired(String name, int max, String fallback) {
    if (name == null) return fallback;
    StringBuilder kept = new StringBuilder();
    name.codePoints().filter(Names::isPrintable).limit(max).forEach(kept::appendCodePoint);
    String s = kept.toString().strip();
    return s.isEmpty() ? fallback : s;
  }
}
