package dev.cowatch.server.account.jdbc;

import dev.cowatch.core.room.UserId;
import dev.cowatch.server.account.AccountError;
import dev.cowatch.server.account.AccountRefusals;
import dev.cowatch.server.account.EmailRules;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.account.User;
import dev.cowatch.server.account.UserRepository;
import dev.cowatch.server.platform.jdbc.DatabaseFaults;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** The {@code users} table inside one transaction. */
final class JdbcUsers implements UserRepository {
  private static final String COLUMNS =
      "id, kind, email, display_name, password_hash, email_verified, session_version, created_at";

  private final Handle handle;

  JdbcUsers(Handle handle) {
    this.handle = handle;
  }

  @Override
  public Optional<User> find(UserId id) {
    return handle.createQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id").bind("id", id.value())
        .map(JdbcUsers::map).findOne();
  }

  @Override
  public Optional<User> findByEmail(String email) {
    return handle.createQuery("SELECT " + COLUMNS + " FROM users WHERE email_key = :key")
        .bind("key", EmailRules.key(email)).map(JdbcUsers::map).findOne();
  }

  @Override
  public void insert(User u, long now) {
    try {
      handle.createUpdate("INSERT INTO users (" + COLUMNS + ", email_key, updated_at) VALUES (:id, :kind, :email, "
              + ":name, :hash, :verified, :sv, :created, :key, :now)")
          .bind("id", u.id().value()).bind("kind", kind(u.kind())).bind("email", u.email())
          .bind("name", u.displayName()).bind("hash", u.passwordHash()).bind("verified", u.emailVerified())
          .bind("sv", u.sessionVersion()).bind("created", u.createdAt())
          .bind("key", u.email() == null ? null : EmailRules.key(u.email())).bind("now", now)
          .execute();
    } catch (UnableToExecuteStatementException e) {
      throw translate(e);
    }
  }

  @Override
  public void update(User u, long now) {
    int rows;
    try {
      rows = handle.createUpdate("UPDATE users SET kind = :kind, email = :email, email_key = :key, display_name = :name, "
              + "password_hash = :hash, email_verified = :verified, updated_at = :now WHERE id = :id")
          .bind("id", u.id().value()).bind("kind", kind(u.kind())).bind("email", u.email())
          .bind("key", u.email() == null ? null : EmailRules.key(u.email())).bind("name", u.displayName())
          .bind("hash", u.passwordHash()).bind("verified", u.emailVerified()).bind("now", now)
          .execute();
    } catch (UnableToExecuteStatementException e) {
      throw translate(e);
    }
    if (rows != 1) throw new IllegalStateException("no user " + u.id().value());
  }

  @Override
  public long bumpSessionVersion(UserId id, long now) {
    int rows = handle.createUpdate("UPDATE users SET session_version = session_version + 1, updated_at = :now WHERE id = :id")
        .bind("id", id.value()).bind("now", now).execute();
    if (rows != 1) throw new IllegalStateException("no user " + id.value());
    return handle.createQuery("SELECT session_version FROM users WHERE id = :id").bind("id", id.value())
        .mapTo(Long.class).one();
  }

  /** A second registration racing past the look-up still meets the unique index: same answer as the look-up. */
  private static RuntimeException translate(UnableToExecuteStatementException e) {
    if (DatabaseFaults.isUniqueViolation(e)) {
      return AccountRefusals.of(AccountError.EMAIL_TAKEN, "an account with this email exists");
    }
    return e;
  }

  private static String kind(Identity.Kind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  private static User map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new User(new UserId(rs.getString("id")), Identity.Kind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)),
        rs.getString("email"), rs.getString("display_name"), rs.getString("password_hash"),
        rs.getBoolean("email_verified"), rs.getLong("session_version"), rs.getLong("created_at"));
  }
}
