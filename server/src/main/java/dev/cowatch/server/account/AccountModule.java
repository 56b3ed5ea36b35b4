package dev.cowatch.server.account;

import dev.cowatch.server.account.http.AuthRoutes;
import dev.cowatch.server.account.http.Authentication;
import dev.cowatch.server.account.jdbc.JdbcAccountStore;
import dev.cowatch.server.account.redis.RedisAttempts;
import dev.cowatch.server.audit.AuditLog;
import dev.cowatch.server.platform.Ids;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.mail.LoggingMailer;
import dev.cowatch.server.platform.mail.MailOutbox;
import dev.cowatch.server.platform.mail.Mailer;
import dev.cowatch.server.platform.mail.QueueOnFailureMailer;
import dev.cowatch.server.platform.mail.SmtpMailer;
import dev.cowatch.server.platform.redis.Redis;
import dev.cowatch.server.platform.secret.Secrets;
import io.javalin.config.RoutesConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Identity wired for this server: accounts in the database, mail through SMTP (or the log), the signing
 * secret from configuration (or {@code <dataDir>/jwt-secret}). Rooms reach it for {@link #authenticator()},
 * {@link #authentication()} and {@link #secrets()}.
 */
public final class AccountModule {
  private static final Logger log = LoggerFactory.getLogger(AccountModule.class);
  public static final String SECRET_FILE = "jwt-secret";

  private final Secrets secrets;
  private final Mailer mailer;
  private final AccountServices services;
  private final Authentication authentication;
  private final Attempts.Factory counters;

  private AccountModule(Secrets secrets, Mailer mailer, AccountServices services, Attempts.Factory counters) {
    this.counters = counters;
    this.secrets = secrets;
    this.mailer = mailer;
    this.services = services;
    this.authentication = new Authentication(services.authenticator());
  }

  /** @param outbox where a mail waits that the SMTP server cannot take now (the outbox other modules queue in) */
  public static AccountModule create(AccountConfig config, Path dataDir, Database database, MailOutbox outbox,
      Clock clock, AuditLog audit, Ids ids, Supplier<String> publicUrl) {
    return create(config, dataDir, database, outbox, clock, audit, ids, publicUrl, Optional.empty());
  }

  /** @param redis shared by a cluster's nodes: sign-in and mail attempts are counted there */
  public static AccountModule create(AccountConfig config, Path dataDir, Database database, MailOutbox outbox,
      Clock clock, AuditLog audit, Ids ids, Supplier<String> publicUrl, Optional<Redis> redis) {
    Secrets secrets = config.jwtSecret() != null ? Secrets.fromBase64(config.jwtSecret())
        : Secrets.loadOrCreate(dataDir.resolve(SECRET_FILE), ids::bytes);
    Mailer mailer = config.smtp() == null ? new LoggingMailer() : new SmtpMailer(config.smtp());
    log.info("identity: {}", config);
    // A mail that the SMTP server cannot take now waits in the outbox instead of being dropped.
    Mailer fromRequests = new QueueOnFailureMailer(mailer, outbox, clock);
    Attempts.Factory counters = redis.map(r -> RedisAttempts.factory(r, clock, ids.recordId()))
        .orElseGet(() -> Limiters.inMemory(config.limits().maxTrackedKeys(), clock));
    return new AccountModule(secrets, mailer, AccountServices.create(config, new JdbcAccountStore(database.jdbi()),
        fromRequests, audit, secrets, clock, ids, publicUrl, counters), counters);
  }

  /**
   * Where attempts are counted (this node's memory, or Redis in a cluster): for other modules' limits
   * per address, so that those too hold across the nodes.
   */
  public Attempts.Factory attemptCounters() {
    return counters;
  }

  /** Adds {@code /api/auth/*} and {@code /api/me}. */
  public void registerRoutes(RoutesConfig routes) {
    AuthRoutes.register(routes, services.sessions(), services.accounts(), authentication);
  }

  /** Deletes long-expired tokens every hour, so the token tables do not grow without bound. */
  public void start(ScheduledExecutorService timers) {
    timers.scheduleWithFixedDelay(() -> {
      try {
        int n = services.sessions().purgeExpired();
        if (n > 0) log.info("purged {} expired tokens", n);
      } catch (RuntimeException e) {
        log.warn("purging expired tokens failed", e);
      }
    }, 1, 60, TimeUnit.MINUTES);
  }

  public Authenticator authenticator() {
    return services.authenticator();
  }

  /** Reads the bearer token of a request; {@code require(ctx)} answers 401 problem+json when it is missing. */
  public Authentication authentication() {
    return authentication;
  }

  /** The master secret; {@code secrets().derive("room-invite")} gives a key for signing invite links. */
  public Secrets secrets() {
    return secrets;
  }

  /** How this server sends mail: SMTP when configured, else the log. */
  public Mailer mailer() {
    return mailer;
  }

  public AccountServices services() {
    return services;
  }
}
