package dev.cowatch.server.account;

import dev.cowatch.server.platform.Refusal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A refused identity request: a {@link Refusal} whose status, type and title come from its
 * {@link AccountError}, with the invalid fields (as the problem's {@code errors} member) when there are any.
 */
public final class AccountException extends Refusal {
  private static final long serialVersionUID = 1L;

  private final AccountError error;
  private final transient List<FieldError> fieldErrors;

  private AccountException(AccountError error, String detail, List<FieldError> fieldErrors, Duration retryAfter) {
    super(error.status(), error.type(), error.title(), detail, retryAfter,
        // A 401 says which scheme to authenticate with (RFC 9110 11.6.1).
        error.status() == 401 ? Map.of("WWW-Authenticate", "Bearer") : Map.of(), errorsMember(fieldErrors));
    this.error = error;
    this.fieldErrors = List.copyOf(fieldErrors);
  }

  private static Map<String, ?> errorsMember(List<FieldError> fieldErrors) {
    return fieldErrors.isEmpty() ? Map.of()
        : Map.of("errors", fieldErrors.stream().map(f -> Map.of("field", f.field(), "message", f.message())).toList());
  }

  public static AccountException of(AccountError error, String detail) {
    return new AccountException(error, detail, List.of(), null);
  }

  public static AccountException invalid(List<FieldError> errors) {
    return new AccountException(AccountError.VALIDATION_FAILED, errors.size() == 1 ? errors.getFirst().field() + ": "
        + errors.getFirst().message() : errors.size() + " fields are invalid", errors, null);
  }

  public static AccountException tooManyAttempts(Duration retryAfter) {
    return new AccountException(AccountError.TOO_MANY_ATTEMPTS, "too many failed attempts; try again in "
        + Math.max(1, retryAfter.toSeconds()) + " s", List.of(), retryAfter);
  }

  public AccountError error() {
    return error;
  }

  public List<FieldError> fieldErrors() {
    return fieldErrors;
  }
}
