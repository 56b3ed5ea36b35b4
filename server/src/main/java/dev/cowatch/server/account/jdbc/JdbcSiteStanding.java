package dev.cowatch.server.account.jdbc;

import dev.cowatch.core.room.UserId;
import dev.cowatch.server.account.SiteStanding;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** {@link SiteStanding} in the {@code site_admins} and {@code account_bans} tables (migration V14). */
public final class JdbcSiteStanding implements SiteStanding {
  private static final RowMapper<Ban> BAN = (rs, ctx) -> new Ban(new UserId(rs.getString("user_id")),
      rs.getString("reason"), rs.getString("banned_by") == null ? null : new UserId(rs.getString("banned_by")),
      rs.getLong("banned_at"));

  private final Jdbi jdbi;

  public JdbcSiteStanding(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public boolean isAdmin(UserId user) {
    return jdbi.withHandle(h -> h.createQuery("SELECT 1 FROM site_admins WHERE user_id = :u")
        .bind("u", user.value()).mapTo(Integer.class).findOne().isPresent());
  }

  @Override
  public boolean grantAdmin(UserId user, long now) {
    return jdbi.inTransaction(h -> {
      if (h.createQuery("SELECT 1 FROM site_admins WHERE user_id = :u").bind("u", user.value())
          .mapTo(Integer.class).findOne().isPresent()) {
        return false;
      }
      h.createUpdate("INSERT INTO site_admins (user_id, granted_at) VALUES (:u, :at)")
          .bind("u", user.value()).bind("at", now).execute();
      return true;
    });
  }

  @Override
  public boolean revokeAdmin(UserId user) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM site_admins WHERE user_id = :u")
        .bind("u", user.value()).execute() > 0);
  }

  @Override
  public List<Admin> admins() {
    return jdbi.withHandle(h -> h.createQuery("SELECT a.user_id, u.email, u.display_name, a.granted_at "
            + "FROM site_admins a JOIN users u ON u.id = a.user_id ORDER BY a.granted_at, a.user_id")
        .map((rs, ctx) -> new Admin(new UserId(rs.getString("user_id")), rs.getString("email"),
            rs.getString("display_name"), rs.getLong("granted_at")))
        .list());
  }

  @Override
  public Optional<Ban> banOf(UserId user) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT user_id, reason, banned_by, banned_at FROM account_bans WHERE user_id = :u")
        .bind("u", user.value()).map(BAN).findOne());
  }

  @Override
  public boolean ban(Ban ban) {
    return jdbi.inTransaction(h -> {
      boolean replaced = h.createUpdate("UPDATE account_bans SET reason = :reason, banned_by = :by, banned_at = :at "
              + "WHERE user_id = :u")
          .bind("reason", ban.reason()).bind("by", ban.bannedBy() == null ? null : ban.bannedBy().value())
          .bind("at", ban.bannedAt()).bind("u", ban.userId().value()).execute() > 0;
      if (replaced) return false;
      h.createUpdate("INSERT INTO account_bans (user_id, reason, banned_by, banned_at) VALUES (:u, :reason, :by, :at)")
          .bind("u", ban.userId().value()).bind("reason", ban.reason())
          .bind("by", ban.bannedBy() == null ? null : ban.bannedBy().value()).bind("at", ban.bannedAt())
          .execute();
      return true;
    });
  }

  @Override
  public boolean unban(UserId user) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM account_bans WHERE user_id = :u")
        .bind("u", user.value()).execute() > 0);
  }

  @Override
  public List<Ban> bans(int limit) {
    return jdbi.withHandle(h -> h.createQuery("SELECT user_id, reason, banned_by, banned_at FROM account_bans "
            + "ORDER BY banned_at DESC, user_id LIMIT :limit")
        .bind("limit", limit).map(BAN).list());
  }
}
