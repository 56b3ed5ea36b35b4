package dev.cowatch.server.account;

import dev.cowatch.core.FakeClock;
import dev.cowatch.server.account.jdbc.JdbcAccountStore;
import dev.cowatch.server.platform.Ids;
import dev.cowatch.server.platform.jdbc.Database;
import dev.cowatch.server.platform.secret.Secrets;
import java.util.Base64;

/**
 * Identity's services on a real database with a fake clock, a recording mailer and audit log, and
 * seeded ids: what service tests drive.
 */
final class AccountFixture implements AutoCloseable {
  static final String PUBLIC_URL = "https://watch.example.test";
  static final String SECRET = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(
      java.nio.charset.StandardCharsets.US_ASCII));

  final Database db;
  final FakeClock clock = FakeClock.atFixedStart();
  final RecordingMailer mailer = new RecordingMailer();
  final RecordingAuditLog audit = new RecordingAuditLog();
  final AccountServices services;

  AccountFixture(Database db) {
    this(db, AccountConfig.fastForTests());
  }

  AccountFixture(Database db, AccountConfig config) {
    this.db = db;
    // Reset requests carried out before the call returns, so that a test reads their mail at once.
    this.services = AccountServices.create(config, new JdbcAccountStore(db.jdbi()), mailer, audit,
        Secrets.fromBase64(SECRET), clock, Ids.seeded(42), () -> PUBLIC_URL,
        Limiters.inMemory(config.limits().maxTrackedKeys(), clock), Runnable::run);
  }

  SessionService sessions() {
    return services.sessions();
  }

  AccountService accounts() {
    return services.accounts();
  }

  Authenticator authenticator() {
    return services.authenticator();
  }

  /** A registered account (not yet verified). */
  Session register(String email, String password) {
    return accounts().register(email, password, "Ann", "10.0.0.1");
  }

  @Override
  public void close() {
    db.close();
  }
}
