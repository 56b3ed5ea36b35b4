package dev.cowatch.server.room.jdbc;

import dev.cowatch.server.room.access.Invite;
import dev.cowatch.server.room.access.InviteRepository;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Invites in the relational database. */
public final class JdbcInviteRepository implements InviteRepository {
  private static final RowMapper<Invite> INVITE = (rs, ctx) -> new Invite(rs.getString("id"), rs.getString("room_id"),
      rs.getString("created_by"), rs.getLong("created_at"), rs.getLong("expires_at"), rs.getInt("max_uses"),
      rs.getInt("uses"), rs.getLong("revoked_at"));

  private final Jdbi jdbi;

  public JdbcInviteRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void insert(Invite i) {
    jdbi.useHandle(h -> h.createUpdate("INSERT INTO room_invites (id, room_id, created_by, created_at, expires_at, "
            + "max_uses, uses, revoked_at) VALUES (:id, :room, :by, :at, :expires, :max, 0, NULL)")
        .bind("id", i.id()).bind("room", i.roomId()).bind("by", i.createdBy()).bind("at", i.createdAt())
        .bind("expires", i.expiresAt()).bind("max", i.maxUses()).execute());
  }

  @Override
  public Optional<Invite> find(String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM room_invites WHERE id = :id").bind("id", id)
        .map(INVITE).findOne());
  }

  @Override
  public List<Invite> ofRoom(String roomId, int limit) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM room_invites WHERE room_id = :room "
            + "ORDER BY created_at DESC, id LIMIT :limit")
        .bind("room", roomId).bind("limit", limit).map(INVITE).list());
  }

  @Override
  public boolean consume(String id, long nowMs) {
    return jdbi.withHandle(h -> h.createUpdate("UPDATE room_invites SET uses = uses + 1 WHERE id = :id "
            + "AND revoked_at IS NULL AND expires_at > :now AND uses < max_uses")
        .bind("id", id).bind("now", nowMs).execute() == 1);
  }

  @Override
  public void release(String id) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE room_invites SET uses = uses - 1 WHERE id = :id AND uses > 0")
        .bind("id", id).execute());
  }

  @Override
  public boolean revoke(String roomId, String id, long nowMs) {
    return jdbi.withHandle(h -> h.createUpdate("UPDATE room_invites SET revoked_at = :now WHERE id = :id "
            + "AND room_id = :room AND revoked_at IS NULL")
        .bind("id", id).bind("room", roomId).bind("now", nowMs).execute() == 1);
  }

  @Override
  public int countLive(String roomId, long nowMs) {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM room_invites WHERE room_id = :room "
            + "AND revoked_at IS NULL AND expires_at > :now")
        .bind("room", roomId).bind("now", nowMs).mapTo(Integer.class).one());
  }
}
