package dev.cowatch.server.account.jdbc;

import dev.cowatch.core.room.UserId;
import dev.cowatch.server.account.RefreshToken;
import dev.cowatch.server.account.RefreshTokenRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** The {@code refresh_tokens} table inside one transaction. */
final class JdbcRefreshTokens implements RefreshTokenRepository {
  private final Handle handle;

  JdbcRefreshTokens(Handle handle) {
    this.handle = handle;
  }

  @Override
  public void insert(RefreshToken t) {
    handle.createUpdate("INSERT INTO refresh_tokens (token_hash, family_id, user_id, created_at, expires_at, used_at, "
            + "revoked_at) VALUES (:hash, :family, :user, :created, :expires, :used, :revoked)")
        .bind("hash", t.tokenHash()).bind("family", t.familyId()).bind("user", t.userId().value())
        .bind("created", t.createdAt()).bind("expires", t.expiresAt()).bind("used", t.usedAt())
        .bind("revoked", t.revokedAt()).execute();
  }

  @Override
  public Optional<RefreshToken> find(String tokenHash) {
    return handle.createQuery("SELECT token_hash, family_id, user_id, created_at, expires_at, used_at, revoked_at "
            + "FROM refresh_tokens WHERE token_hash = :hash")
        .bind("hash", tokenHash).map(JdbcRefreshTokens::map).findOne();
  }

  @Override
  public boolean markUsed(String tokenHash, long now) {
    return handle.createUpdate("UPDATE refresh_tokens SET used_at = :now WHERE token_hash = :hash AND used_at IS NULL")
        .bind("hash", tokenHash).bind("now", now).execute() == 1;
  }

  @Override
  public int revokeFamily(String familyId, long now) {
    return handle.createUpdate("UPDATE refresh_tokens SET revoked_at = :now WHERE family_id = :family AND revoked_at IS NULL")
        .bind("family", familyId).bind("now", now).execute();
  }

  @Override
  public boolean isSessionLive(String familyId) {
    // Uses refresh_tokens_by_family; LIMIT 1 stops at the first live token.
    return handle.createQuery("SELECT 1 FROM refresh_tokens WHERE family_id = :family AND revoked_at IS NULL LIMIT 1")
        .bind("family", familyId).mapTo(Integer.class).findOne().isPresent();
  }

  @Override
  public int revokeAll(UserId userId, long now) {
    return handle.createUpdate("UPDATE refresh_tokens SET revoked_at = :now WHERE user_id = :user AND revoked_at IS NULL")
        .bind("user", userId.value()).bind("now", now).execute();
  }

  @Override
  public int deleteExpired(long cutoff) {
    return handle.createUpdate("DELETE FROM refresh_tokens WHERE expires_at < :cutoff").bind("cutoff", cutoff).execute();
  }

  private static RefreshToken map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new RefreshToken(rs.getString("token_hash"), rs.getString("family_id"), new UserId(rs.getString("user_id")),
        rs.getLong("created_at"), rs.getLong("expires_at"), nullableLong(rs, "used_at"), nullableLong(rs, "revoked_at"));
  }

  static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }
}
