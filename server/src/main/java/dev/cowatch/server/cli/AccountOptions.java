package dev.cowatch.server.cli;

import dev.cowatch.server.account.AccountConfig;
import dev.cowatch.server.account.Argon2Params;
import dev.cowatch.server.account.SignInLimits;
import dev.cowatch.server.platform.mail.SmtpConfig;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The identity options of {@link Main} (a picocli mixin), each with its environment variable. */
final class AccountOptions {

  @Option(names = "--public-url", paramLabel = "URL", defaultValue = "${env:COWATCH_PUBLIC_URL:-}",
      description = "Address users reach the web app at, for links in mails, e.g. https://watch.example.org "
          + "(env COWATCH_PUBLIC_URL; default: http://localhost:<port>).")
  String publicUrl;

  @Option(names = "--jwt-secret", paramLabel = "BASE64", defaultValue = "${env:COWATCH_JWT_SECRET:-}",
      description = "Secret that signs sessions and invite links, base64 of at least 32 bytes; the same on every node "
          + "(env COWATCH_JWT_SECRET; prefer the variable; default: generated once in <data-dir>/jwt-secret).")
  String jwtSecret;

  @Option(names = "--access-token-minutes", paramLabel = "MIN", defaultValue = "${env:COWATCH_ACCESS_TOKEN_MINUTES:-15}",
      description = "Lifetime of an access token (env COWATCH_ACCESS_TOKEN_MINUTES, default: ${DEFAULT-VALUE}).")
  long accessTokenMinutes;

  @Option(names = "--refresh-token-days", paramLabel = "DAYS", defaultValue = "${env:COWATCH_REFRESH_TOKEN_DAYS:-30}",
      description = "A device stays signed in this long without use (env COWATCH_REFRESH_TOKEN_DAYS, "
          + "default: ${DEFAULT-VALUE}).")
  long refreshTokenDays;

  @Option(names = "--argon2-memory-kib", paramLabel = "KIB", defaultValue = "${env:COWATCH_ARGON2_MEMORY_KIB:-19456}",
      description = "Argon2id memory per password hash (env COWATCH_ARGON2_MEMORY_KIB, default: ${DEFAULT-VALUE}).")
  int argon2MemoryKib;

  @Option(names = "--argon2-iterations", paramLabel = "N", defaultValue = "${env:COWATCH_ARGON2_ITERATIONS:-2}",
      description = "Argon2id passes (env COWATCH_ARGON2_ITERATIONS, default: ${DEFAULT-VALUE}).")
  int argon2Iterations;

  @Option(names = "--smtp-host", paramLabel = "HOST", defaultValue = "${env:COWATCH_SMTP_HOST:-}",
      description = "SMTP server for verification and reset mails (env COWATCH_SMTP_HOST; default: none, mails "
          + "are written to the log).")
  String smtpHost;

  @Option(names = "--smtp-port", paramLabel = "PORT", defaultValue = "${env:COWATCH_SMTP_PORT:-587}",
      description = "SMTP port (env COWATCH_SMTP_PORT, default: ${DEFAULT-VALUE}).")
  int smtpPort;

  @Option(names = "--smtp-user", paramLabel = "USER", defaultValue = "${env:COWATCH_SMTP_USER:-}",
      description = "SMTP user; none: no authentication (env COWATCH_SMTP_USER).")
  String smtpUser;

  @Option(names = "--smtp-password", paramLabel = "PASSWORD", defaultValue = "${env:COWATCH_SMTP_PASSWORD:-}",
      description = "SMTP password (env COWATCH_SMTP_PASSWORD; prefer the variable: options show in ps).")
  String smtpPassword;

  @Option(names = "--smtp-from", paramLabel = "ADDRESS", defaultValue = "${env:COWATCH_SMTP_FROM:-cowatch@localhost}",
      description = "Sender of the mails (env COWATCH_SMTP_FROM, default: ${DEFAULT-VALUE}).")
  String smtpFrom;

  @Option(names = "--smtp-starttls", paramLabel = "BOOL", defaultValue = "${env:COWATCH_SMTP_STARTTLS:-true}",
      arity = "1", description = "Require STARTTLS (env COWATCH_SMTP_STARTTLS, default: ${DEFAULT-VALUE}).")
  boolean smtpStartTls;

  @Option(names = "--signups-per-address", paramLabel = "N", defaultValue = "${env:COWATCH_SIGNUPS_PER_ADDRESS:-200}",
      description = "Registrations and guest sessions one client address may start in 15 minutes; more are "
          + "answered 429 (env COWATCH_SIGNUPS_PER_ADDRESS, default: ${DEFAULT-VALUE}).")
  int signupsPerAddress;

  AccountConfig config() {
    AccountConfig d = AccountConfig.defaults();
    SignInLimits l = d.limits();
    SmtpConfig smtp = smtpHost == null || smtpHost.isBlank() ? null
        : new SmtpConfig(smtpHost, smtpPort, smtpUser, smtpPassword, smtpFrom, smtpStartTls);
    return d.withPublicUrl(publicUrl).withJwtSecret(jwtSecret)
        .withTokenLifetimes(Duration.ofMinutes(accessTokenMinutes), Duration.ofDays(refreshTokenDays))
        .withHashing(new Argon2Params(argon2MemoryKib, argon2Iterations, Argon2Params.DEFAULT.parallelism()))
        .withSmtp(smtp)
        .withLimits(new SignInLimits(l.perAccount(), l.perAddress(), l.window(), l.maxTrackedKeys(), l.mailsPerAddress(),
            signupsPerAddress));
  }
}
