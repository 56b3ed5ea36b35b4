package dev.cowatch.server.account.jdbc;

import dev.cowatch.core.room.UserId;
import dev.cowatch.server.account.MailToken;
import dev.cowatch.server.account.MailTokenRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** The {@code mail_tokens} table inside one transaction. */
final class JdbcMailTokens implements MailTokenRepository {
  private final Handle handle;

  JdbcMailTokens(Handle handle) {
    this.handle = handle;
  }

  @Override
  public void insert(MailToken t) {
    handle.createUpdate("INSERT INTO mail_tokens (token_hash, purpose, user_id, email, created_at, expires_at, used_at) "
            + "VALUES (:hash, :purpose, :user, :email, :created, :expires, :used)")
        .bind("hash", t.tokenHash()).bind("purpose", t.purpose().name()).bind("user", t.userId().value())
        .bind("email", t.email()).bind("created", t.createdAt()).bind("expires", t.expiresAt()).bind("used", t.usedAt())
        .execute();
  }

  @Override
  public Optional<MailToken> find(String tokenHash) {
    return handle.createQuery("SELECT token_hash, purpose, user_id, email, created_at, expires_at, used_at "
            + "FROM mail_tokens WHERE token_hash = :hash")
        .bind("hash", tokenHash).map(JdbcMailTokens::map).findOne();
  }

  @Override
  public boolean consume(String tokenHash, long now) {
    return handle.createUpdate("UPDATE mail_tokens SET used_at = :now WHERE token_hash = :hash AND used_at IS NULL "
            + "AND expires_at > :now")
        .bind("hash", tokenHash).bind("now", now).execute() == 1;
  }

  @Override
  public int consumeAll(UserId userId, MailToken.Purpose purpose, long now) {
    return handle.createUpdate("UPDATE mail_tokens SET used_at = :now WHERE user_id = :user AND purpose = :purpose "
            + "AND used_at IS NULL")
        .bind("user", userId.value()).bind("purpose", purpose.name()).bind("now", now).execute();
  }

  @Override
  public int deleteExpired(long cutoff) {
    return handle.createUpdate("DELETE FROM mail_tokens WHERE expires_at < :cutoff").bind("cutoff", cutoff).execute();
  }

  private static MailToken map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new MailToken(rs.getString("token_hash"), MailToken.Purpose.valueOf(rs.getString("purpose")),
        new UserId(rs.getString("user_id")), rs.getString("email"), rs.getLong("created_at"), rs.getLong("expires_at"),
        JdbcRefreshTokens.nullableLong(rs, "used_at"));
  }
}
