package dev.cowatch.server.audit;

import dev.cowatch.server.platform.jdbc.Database;
import java.time.Clock;

/** The security audit log: a hash-chained table other modules append to; {@code ./cowatch audit verify} checks it. */
public final class AuditModule {
  private final JdbcAuditLog log;

  private AuditModule(JdbcAuditLog log) {
    this.log = log;
  }

  public static AuditModule create(Database database, Clock clock) {
    return new AuditModule(new JdbcAuditLog(database, clock));
  }

  /** The hash-chained audit log in this server's database; services append security events to it. */
  public AuditLog log() {
    return log;
  }

  /** The same log, to read: its chain verified, its rows paged (the admin page). */
  public JdbcAuditLog reader() {
    return log;
  }
}
