package dev.cowatch.server.account;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an email address must look like. Deliberately a shape check, not RFC 5322: the verification
 * mail is the real test, and quoted local parts or IP-literal domains are not worth their bugs.
 */
public final class EmailRules {
  /** RFC 5321: a path is at most 256 octets including the angle brackets. */
  public static final int MAX_LENGTH = 254;
  private static final int MAX_LOCAL = 64;
  private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+");
  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

  private EmailRules() {}

  /** Why {@code email} is unacceptable, or empty when it is fine. */
  public static Optional<String> problem(String email) {
    if (email == null || email.isEmpty()) return Optional.of("required");
    if (email.length() > MAX_LENGTH) return Optional.of("at most " + MAX_LENGTH + " characters");
    int at = email.lastIndexOf('@');
    if (at <= 0 || at != email.indexOf('@')) return Optional.of("must look like name@example.com");
    String local = email.substring(0, at);
    String domain = email.substring(at + 1);
    if (local.length() > MAX_LOCAL || !LOCAL.matcher(local).matches() || local.startsWith(".") || local.endsWith(".")
        || local.contains("..")) {
      return Optional.of("must look like name@example.com");
    }
    String[] labels = domain.split("\\.", -1);
    if (labels.length < 2) return Optional.of("the domain needs a dot, like example.com");
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) return Optional.of("must look like name@example.com");
    }
    return Optional.empty();
  }

  /** What uniqueness and look-ups use: two spellings differing only in case are one address. */
  public static String key(String email) {
    return email.strip().toLowerCase(Locale.ROOT);
  }
}
