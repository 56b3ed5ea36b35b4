package dev.cowatch.server.account;

import dev.cowatch.server.audit.AuditLog;
import dev.cowatch.server.platform.Ids;
import dev.cowatch.server.platform.mail.Mailer;
import dev.cowatch.server.platform.secret.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Identity's services built on its ports (store, mailer, audit log, secrets, clock, ids). Adapters are
 * chosen by the caller: the server wires JDBC and SMTP, tests may wire fakes.
 */
public final class AccountServices {
  /** Purpose of the key access tokens are signed with (see {@link Secrets#derive}). */
  public static final String ACCESS_TOKEN_KEY = "access-token";
  /** Other nodes see a sign-out everywhere within this long; this node at once. */
  static final Duration USER_CACHE_TTL = Duration.ofSeconds(5);
  private static final int USER_CACHE_ENTRIES = 10_000;

  private final AccessTokens accessTokens;
  private final SessionService sessions;
  private final AccountService accounts;
  private final TokenAuthenticator authenticator;
  private final SessionEnds sessionEnds;
  private final AccountStore store;
  private final SiteBans bans;

  private AccountServices(AccessTokens accessTokens, SessionService sessions, AccountService accounts,
      TokenAuthenticator authenticator, SessionEnds sessionEnds, AccountStore store, Clock clock) {
    this.sessionEnds = sessionEnds;
    this.store = store;
    this.bans = new SiteBans(store, sessions, clock);
    this.accessTokens = accessTokens;
    this.sessions = sessions;
    this.accounts = accounts;
    this.authenticator = authenticator;
  }

  /** @param publicUrl where the web app is reached, for links in mails; read when a mail is written */
  public static AccountServices create(AccountConfig config, AccountStore store, Mailer mailer, AuditLog auditLog,
      Secrets secrets, Clock clock, Ids ids, Supplier<String> publicUrl) {
    return create(config, store, mailer, auditLog, secrets, clock, ids, publicUrl,
        Limiters.inMemory(config.limits().maxTrackedKeys(), clock));
  }

  /** @param counters where sign-in and mail attempts are counted (Redis in a cluster) */
  public static AccountServices create(AccountConfig config, AccountStore store, Mailer mailer, AuditLog auditLog,
      Secrets secrets, Clock clock, Ids ids, Supplier<String> publicUrl, Attempts.Factory counters) {
    return create(config, store, mailer, auditLog, secrets, clock, ids, publicUrl, counters,
        ResetRequests.inTheBackground());
  }

  /** @param resets where password-reset requests are carried out after their answer (see {@link ResetRequests}) */
  public static AccountServices create(AccountConfig config, AccountStore store, Mailer mailer, AuditLog auditLog,
      Secrets secrets, Clock clock, Ids ids, Supplier<String> publicUrl, Attempts.Factory counters,
      Executor resets) {
    AccessTokens tokens = new AccessTokens(secrets.derive(ACCESS_TOKEN_KEY), config.accessTokenTtl(), ids);
    PasswordHasher hasher = new PasswordHasher(config.hashing());
    UserCache users = new UserCache(store, clock, USER_CACHE_TTL, USER_CACHE_ENTRIES);
    SessionLiveness liveness = new SessionLiveness(store, clock, USER_CACHE_ENTRIES);
    Limiters limiters = new Limiters(config.limits(), counters);
    AccountAudit audit = new AccountAudit(auditLog);
    SessionIssuer issuer = new SessionIssuer(tokens, ids, config.refreshTokenTtl());
    AccountMails mails = new AccountMails(mailer, publicUrl);
    SessionEnds ends = new SessionEnds();
    return new AccountServices(tokens,
        new SessionService(store, hasher, issuer, users, liveness, limiters, audit, ids, clock, ends),
        new AccountService(store, hasher, issuer, users, limiters, mails, audit, ids, clock, config, ends, resets),
        new TokenAuthenticator(tokens, users, liveness, clock), ends, store, clock);
  }

  /** Where a held connection learns that a user's sessions may have ended. */
  public SessionEnds sessionEnds() {
    return sessionEnds;
  }

  /** Site administrators and bans as stored. */
  public SiteStanding standing() {
    return store.standing();
  }

  /** Bans that end a user's sessions everywhere. */
  public SiteBans bans() {
    return bans;
  }

  /** Finds a user by id or email (for operators' commands and the admin page). */
  public java.util.Optional<User> findUser(String idOrEmail) {
    if (idOrEmail == null || idOrEmail.isBlank()) return java.util.Optional.empty();
    String v = idOrEmail.strip();
    if (v.contains("@")) return store.transaction(r -> r.users().findByEmail(v));
    dev.cowatch.core.room.UserId id;
    try {
      id = new dev.cowatch.core.room.UserId(v);
    } catch (IllegalArgumentException notAnId) {
      return java.util.Optional.empty();
    }
    return store.transaction(r -> r.users().find(id));
  }

  public SessionService sessions() {
    return sessions;
  }

  public AccountService accounts() {
    return accounts;
  }

  /** Turns access tokens into identities: for REST routes and the WebSocket hello. */
  public Authenticator authenticator() {
    return authenticator;
  }

  /** Signs and checks access tokens directly (tests mint expired or foreign ones with it). */
  public AccessTokens accessTokens() {
    return accessTokens;
  }
}
