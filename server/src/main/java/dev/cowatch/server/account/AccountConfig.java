package dev.cowatch.server.account;

import dev.cowatch.server.platform.mail.SmtpConfig;
import java.time.Duration;

/**
 * Everything identity needs from configuration.
 *
 * @param publicUrl where users reach the web app, for links in mails; null: {@code http://localhost:<port>}
 * @param jwtSecret base64 master secret (at least 32 bytes); null: generated once in {@code <dataDir>/jwt-secret}
 * @param accessTokenTtl short, because an access token is checked without a database round trip
 *     (beyond the cached session version) and cannot be revoked one by one
 * @param refreshTokenTtl how long a device stays signed in without use; every refresh starts it again
 * @param smtp null: mails are written to the log
 */
public record AccountConfig(String publicUrl, String jwtSecret, Duration accessTokenTtl, Duration refreshTokenTtl,
    Duration verifyTokenTtl, Duration resetTokenTtl, Argon2Params hashing, SignInLimits limits, SmtpConfig smtp) {

  public AccountConfig {
    for (Duration d : new Duration[] {accessTokenTtl, refreshTokenTtl, verifyTokenTtl, resetTokenTtl}) {
      if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException("token lifetimes must be positive");
    }
    if (hashing == null || limits == null) throw new IllegalArgumentException("hashing and limits required");
    if (publicUrl != null && publicUrl.isBlank()) publicUrl = null;
    if (jwtSecret != null && jwtSecret.isBlank()) jwtSecret = null;
    if (publicUrl != null && publicUrl.endsWith("/")) publicUrl = publicUrl.substring(0, publicUrl.length() - 1);
  }

  public static AccountConfig defaults() {
    return new AccountConfig(null, null, Duration.ofMinutes(15), Duration.ofDays(30), Duration.ofHours(24),
        Duration.ofHours(1), Argon2Params.DEFAULT, SignInLimits.DEFAULTS, null);
  }

  /** Defaults with cheap hashing and room for many guests from one address: what tests and benchmarks start. */
  public static AccountConfig fastForTests() {
    SignInLimits l = SignInLimits.DEFAULTS;
    return defaults().withHashing(Argon2Params.FAST_FOR_TESTS)
        .withLimits(new SignInLimits(l.perAccount(), l.perAddress(), l.window(), l.maxTrackedKeys(), l.mailsPerAddress(),
            100_000));
  }

  public AccountConfig withPublicUrl(String url) {
    return new AccountConfig(url, jwtSecret, accessTokenTtl, refreshTokenTtl, verifyTokenTtl, resetTokenTtl, hashing,
        limits, smtp);
  }

  public AccountConfig withJwtSecret(String base64) {
    return new AccountConfig(publicUrl, base64, accessTokenTtl, refreshTokenTtl, verifyTokenTtl, resetTokenTtl, hashing,
        limits, smtp);
  }

  public AccountConfig withHashing(Argon2Params p) {
    return new AccountConfig(publicUrl, jwtSecret, accessTokenTtl, refreshTokenTtl, verifyTokenTtl, resetTokenTtl, p,
        limits, smtp);
  }

  public AccountConfig withLimits(SignInLimits l) {
    return new AccountConfig(publicUrl, jwtSecret, accessTokenTtl, refreshTokenTtl, verifyTokenTtl, resetTokenTtl,
        hashing, l, smtp);
  }

  public AccountConfig withSmtp(SmtpConfig s) {
    return new AccountConfig(publicUrl, jwtSecret, accessTokenTtl, refreshTokenTtl, verifyTokenTtl, resetTokenTtl,
        hashing, limits, s);
  }

  public AccountConfig withTokenLifetimes(Duration access, Duration refresh) {
    return new AccountConfig(publicUrl, jwtSecret, access, refresh, verifyTokenTtl, resetTokenTtl, hashing, limits, smtp);
  }

  /** Never prints the secret. */
  @Override
  public String toString() {
    return "AccountConfig[publicUrl=" + publicUrl + ", jwtSecret=" + (jwtSecret == null ? "file" : "set")
        + ", access=" + accessTokenTtl + ", refresh=" + refreshTokenTtl + ", hashing=" + hashing + ", smtp=" + smtp + "]";
  }
}
