package dev.cowatch.server.account;

import java.time.Duration;
import java.util.List;

/**
 * A refused identity request. Thrown inside a store transaction it also rolls the transaction back,
 * so a refusal never leaves anything half-written.
 */
public final class AccountException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final AccountError error;
  private final transient List<FieldError> fieldErrors;
  private final transient Duration retryAfter;

  private AccountException(AccountError error, String detail, List<FieldError> fieldErrors, Duration retryAfter) {
    super(detail, null, false, false); // expected outcomes: no stack trace to fill
    this.error = error;
    this.fieldErrors = List.copyOf(fieldErrors);
    this.retryAfter = retryAfter;
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

  /** How long the client should wait, for 429; null otherwise. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
