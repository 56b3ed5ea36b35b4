package dev.cowatch.server.admin.jdbc;

import dev.cowatch.server.admin.SiteNotices;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** {@link SiteNotices} in the {@code site_notices} table (migration V14). */
public final class JdbcSiteNotices implements SiteNotices {
  private final Jdbi jdbi;

  public JdbcSiteNotices(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void add(Notice n) {
    jdbi.useHandle(h -> h.createUpdate("INSERT INTO site_notices (id, text, created_by, created_at, expires_at) "
            + "VALUES (:id, :text, :by, :at, :expires)")
        .bind("id", n.id()).bind("text", n.text()).bind("by", n.createdBy()).bind("at", n.createdAt())
        .bind("expires", n.expiresAt()).execute());
  }

  @Override
  public boolean withdraw(String id, long now) {
    return jdbi.withHandle(h -> h.createUpdate("UPDATE site_notices SET withdrawn_at = :now "
            + "WHERE id = :id AND withdrawn_at IS NULL AND expires_at > :now")
        .bind("id", id).bind("now", now).execute() > 0);
  }

  @Override
  public List<Notice> current(long now, int limit) {
    return jdbi.withHandle(h -> h.createQuery("SELECT id, text, created_by, created_at, expires_at FROM site_notices "
            + "WHERE withdrawn_at IS NULL AND expires_at > :now ORDER BY created_at DESC, id LIMIT :limit")
        .bind("now", now).bind("limit", limit)
        .map((rs, ctx) -> new Notice(rs.getString("id"), rs.getString("text"), rs.getString("created_by"),
            rs.getLong("created_at"), rs.getLong("expires_at")))
        .list());
  }
}
