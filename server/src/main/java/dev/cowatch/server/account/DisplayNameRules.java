package dev.cowatch.server.account;

import java.util.Optional;

/** A name others see in rooms: 1-40 printable characters, no surrounding space. */
public final class DisplayNameRules {
  public static final int MAX_LENGTH = 40;

  private DisplayNameRules() {}

  /** The name as stored: surrounding white space dropped. */
  public static String normalize(String name) {
    return name == null ? null : name.strip();
  }

  /** Why the (normalized) name is unacceptable, or empty when it is fine. */
  public static Optional<String> problem(String name) {
    if (name == null || name.isEmpty()) return Optional.of("required");
    if (name.codePointCount(0, name.length()) > MAX_LENGTH) return Optional.of("at most " + MAX_LENGTH + " characters");
    boolean printable = name.codePoints().allMatch(DisplayNameRules::isPrintable);
    return printable ? Optional.empty() : Optional.of("only printable characters");
  }

  /** Control, format (bidi overrides, zero-width) and unassigned code points let a name impersonate another. */
  private static boolean isPrintable(int cp) {
    int type = Character.getType(cp);
    return type != Character.CONTROL && type != Character.FORMAT && type != Character.UNASSIGNED
        && type != Character.PRIVATE_USE && type != Character.SURROGATE && type != Character.LINE_SEPARATOR
        && type != Character.PARAGRAPH_SEPARATOR;
  }
}
