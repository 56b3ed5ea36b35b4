package dev.cowatch.server.account;

import dev.cowatch.server.platform.Refusal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Refused identity requests, as {@link Refusal}s whose status, type and title come from an
 * {@link AccountError}, with the invalid fields (the problem's {@code errors} member) when there are any.
 */
public final class AccountRefusals {
  private AccountRefusals() {}

  public static Refusal of(AccountError error, String detail) {
    return refusal(error, detail, List.of(), null);
  }

  /** The site's administrators banned the account; {@code reason} is theirs, shown to the person. */
  public static Refusal banned(String reason) {
    return new Refusal(AccountError.ACCOUNT_BANNED.status(), AccountError.ACCOUNT_BANNED.type(),
        AccountError.ACCOUNT_BANNED.title(), "this account is banned from the site: " + reason, null, Map.of(),
        Map.of("reason", reason));
  }

  public static Refusal invalid(List<FieldError> errors) {
    return refusal(AccountError.VALIDATION_FAILED, errors.size() == 1 ? errors.getFirst().field() + ": "
        + errors.getFirst().message() : errors.size() + " fields are invalid", errors, null);
  }

  public static Refusal tooManyAttempts(Duration retryAfter) {
    return refusal(AccountError.TOO_MANY_ATTEMPTS, "too many failed attempts; try again in "
        + Math.max(1, retryAfter.toSeconds()) + " s", List.of(), retryAfter);
  }

  private static Refusal refusal(AccountError error, String detail, List<FieldError> fieldErrors, Duration retryAfter) {
    return new Refusal(error.status(), error.type(), error.title(), detail, retryAfter,
        // A 401 says which scheme to authenticate with (RFC 9110 11.6.1).
        error.status() == 401 ? Map.of("WWW-Authenticate", "Bearer") : Map.of(), errorsMember(fieldErrors));
  }

  private static Map<String, ?> errorsMember(List<FieldError> fieldErrors) {
    return fieldErrors.isEmpty() ? Map.of()
        : Map.of("errors", fieldErrors.stream().map(f -> Map.of("field", f.field(), "message", f.message())).toList());
  }
}
