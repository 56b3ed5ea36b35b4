package dev.cowatch.server.account;

/** Every way an identity request can fail, with its HTTP status and stable problem type. */
public enum AccountError {
  VALIDATION_FAILED(422, "validation-failed", "Invalid input"),
  EMAIL_TAKEN(409, "email-taken", "Email already registered"),
  INVALID_CREDENTIALS(401, "invalid-credentials", "Wrong email or password"),
  WRONG_PASSWORD(403, "wrong-password", "The current password is wrong"),
  TOO_MANY_ATTEMPTS(429, "too-many-attempts", "Too many attempts"),
  INVALID_REFRESH_TOKEN(401, "invalid-refresh-token", "Invalid refresh token"),
  INVALID_TOKEN(400, "invalid-token", "Invalid or expired link"),
  NOT_A_GUEST(409, "not-a-guest", "Only a guest can be upgraded"),
  NOT_AN_ACCOUNT(409, "not-an-account", "Guests have no email or password"),
  ALREADY_VERIFIED(409, "already-verified", "Email already verified"),
  ACCOUNT_BANNED(403, "account-banned", "This account is banned from the site"),
  UNKNOWN_USER(401, "unauthorized", "Unknown user");

  private final int status;
  private final String type;
  private final String title;

  AccountError(int status, String type, String title) {
    this.status = status;
    this.type = type;
    this.title = title;
  }

  public int status() {
    return status;
  }

  /** The slug after {@code https://cowatch.dev/problems/}. */
  public String type() {
    return type;
  }

  public String title() {
    return title;
  }
}
