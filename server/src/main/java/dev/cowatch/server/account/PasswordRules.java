package dev.cowatch.server.account;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Length first (NIST SP 800-63B: at least 8, we ask 10; long passphrases welcome), then a refusal
 * of the few passwords an attacker tries first. No composition rules: they make passwords worse.
 */
public final class PasswordRules {
  public static final int MIN_LENGTH = 10;
  /** Argon2 takes any length, but hashing megabytes per request would be a denial of service. */
  public static final int MAX_LENGTH = 200;

  /** The most common passwords of 10+ characters in public breach lists (lower-cased). */
  private static final Set<String> COMMON = Set.of(
      "1234567890", "0987654321", "1q2w3e4r5t", "qwertyuiop", "password12", "password123", "password1234",
      "passw0rd123", "iloveyou123", "1qaz2wsx3edc", "qwerty12345", "qwerty123456", "abc1234567",
      "letmein123", "welcome123", "administrator", "changeme123", "football123", "princess123",
      "superman123", "trustno1234", "zaq12wsxcde", "asdfghjkl1", "q1w2e3r4t5", "qazwsxedc123",
      "cowatch123", "cowatchcowatch");

  private PasswordRules() {}

  /** Why {@code password} is unacceptable for the account with {@code email} (null for none), or empty. */
  public static Optional<String> problem(String password, String email) {
    if (password == null || password.isEmpty()) return Optional.of("required");
    int length = password.codePointCount(0, password.length());
    if (length < MIN_LENGTH) return Optional.of("at least " + MIN_LENGTH + " characters");
    if (length > MAX_LENGTH) return Optional.of("at most " + MAX_LENGTH + " characters");
    if (password.codePoints().distinct().count() == 1) return Optional.of("more than one character repeated");
    if (isRun(password)) return Optional.of("not a run like 123456789 or abcdefghij");
    String lower = password.toLowerCase(Locale.ROOT);
    if (COMMON.contains(lower)) return Optional.of("one of the most common passwords; choose another");
    if (email != null && !email.isBlank()) {
      String mail = email.strip().toLowerCase(Locale.ROOT);
      int at = mail.indexOf('@');
      if (lower.equals(mail) || (at > 0 && lower.equals(mail.substring(0, at)))) {
        return Optional.of("must not be your email address");
      }
    }
    return Optional.empty();
  }

  /** Every character one more (or one less) than the one before: keyboard-free guessing starts there. */
  private static boolean isRun(String password) {
    int[] cps = password.codePoints().toArray();
    int step = cps[1] - cps[0];
    if (step != 1 && step != -1) return false;
    for (int i = 2; i < cps.length; i++) {
      if (cps[i] - cps[i - 1] != step) return false;
    }
    return true;
  }
}
