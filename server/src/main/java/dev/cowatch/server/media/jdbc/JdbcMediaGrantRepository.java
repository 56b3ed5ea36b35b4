package dev.cowatch.server.media.jdbc;

import dev.cowatch.core.room.UserId;
import dev.cowatch.server.media.MediaGrant;
import dev.cowatch.server.media.MediaGrantRepository;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Media shares in the relational database (SQLite or PostgreSQL; the same SQL for both). */
public final class JdbcMediaGrantRepository implements MediaGrantRepository {
  private final Jdbi jdbi;

  public JdbcMediaGrantRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public boolean insert(MediaGrant g) {
    return jdbi.withHandle(h -> h.createUpdate("INSERT INTO media_grants (media_id, scope, scope_id, granted_by, "
            + "granted_at) VALUES (:media, :scope, :scopeId, :by, :at) ON CONFLICT DO NOTHING")
        .bind("media", g.mediaId()).bind("scope", g.scope().wire()).bind("scopeId", g.scopeId())
        .bind("by", g.grantedBy().value()).bind("at", g.grantedAt()).execute() == 1);
  }

  @Override
  public boolean exists(String mediaId, MediaGrant.Scope scope, String scopeId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT 1 FROM media_grants WHERE media_id = :media AND scope = :scope "
            + "AND scope_id = :scopeId")
        .bind("media", mediaId).bind("scope", scope.wire()).bind("scopeId", scopeId).mapTo(Integer.class)
        .findOne().isPresent());
  }

  @Override
  public int count(String mediaId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM media_grants WHERE media_id = :media")
        .bind("media", mediaId).mapTo(Integer.class).one());
  }

  @Override
  public List<MediaGrant> of(String mediaId, int limit) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM media_grants WHERE media_id = :media "
            + "ORDER BY granted_at, scope, scope_id LIMIT :limit")
        .bind("media", mediaId).bind("limit", limit)
        .map((rs, ctx) -> new MediaGrant(rs.getString("media_id"), MediaGrant.Scope.fromWire(rs.getString("scope")),
            rs.getString("scope_id"), new UserId(rs.getString("granted_by")), rs.getLong("granted_at")))
        .list());
  }

  @Override
  public boolean delete(String mediaId, MediaGrant.Scope scope, String scopeId) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM media_grants WHERE media_id = :media AND scope = :scope "
            + "AND scope_id = :scopeId")
        .bind("media", mediaId).bind("scope", scope.wire()).bind("scopeId", scopeId).execute() == 1);
  }

  @Override
  public int deleteSharedOnBy(String mediaId, String ownerId) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM media_grants WHERE media_id = :media AND scope = 'room' "
            + "AND granted_by <> :owner")
        .bind("media", mediaId).bind("owner", ownerId).execute());
  }
}
