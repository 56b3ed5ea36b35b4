package dev.cowatch.server.jdbc;

import dev.cowatch.server.chat.ChatMessage;
import dev.cowatch.server.chat.ChatRepository;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Chat in the relational database (H2 or PostgreSQL). */
public final class JdbcChatRepository implements ChatRepository {
  private static final RowMapper<ChatMessage> MESSAGE = (rs, ctx) -> new ChatMessage(rs.getLong("id"),
      rs.getString("room_id"), rs.getString("user_id"), rs.getString("member_id"), rs.getString("display_name"),
      rs.getString("body"), rs.getLong("created_at"));

  private final Jdbi jdbi;

  public JdbcChatRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public ChatMessage append(ChatMessage m) {
    long id = jdbi.withHandle(h -> h.createUpdate("INSERT INTO chat_messages (room_id, user_id, member_id, "
            + "display_name, body, created_at) VALUES (:room, :user, :member, :name, :body, :at)")
        .bind("room", m.roomId()).bind("user", m.userId()).bind("member", m.memberId()).bind("name", m.name())
        .bind("body", m.text()).bind("at", m.atMs())
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    return new ChatMessage(id, m.roomId(), m.userId(), m.memberId(), m.name(), m.text(), m.atMs());
  }

  @Override
  public List<ChatMessage> page(String roomId, Long beforeId, int limit) {
    List<ChatMessage> newestFirst = jdbi.withHandle(h -> h.createQuery("SELECT * FROM chat_messages "
            + "WHERE room_id = :room AND deleted_at IS NULL AND id < :before ORDER BY id DESC LIMIT :limit")
        .bind("room", roomId).bind("before", beforeId == null ? Long.MAX_VALUE : beforeId).bind("limit", limit)
        .map(MESSAGE).list());
    List<ChatMessage> page = new ArrayList<>(newestFirst);
    Collections.reverse(page);
    return page;
  }

  @Override
  public Optional<ChatMessage> find(String roomId, long id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM chat_messages WHERE room_id = :room AND id = :id "
            + "AND deleted_at IS NULL").bind("room", roomId).bind("id", id).map(MESSAGE).findOne());
  }

  @Override
  public boolean delete(String roomId, long id, String deletedBy, long atMs) {
    return jdbi.withHandle(h -> h.createUpdate("UPDATE chat_messages SET deleted_at = :at, deleted_by = :by "
            + "WHERE room_id = :room AND id = :id AND deleted_at IS NULL")
        .bind("at", atMs).bind("by", deletedBy).bind("room", roomId).bind("id", id).execute() == 1);
  }
}
