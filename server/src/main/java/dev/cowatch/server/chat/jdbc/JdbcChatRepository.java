package dev.cowatch.server.chat.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cowatch.server.chat.ChatEvent;
import dev.cowatch.server.chat.ChatMessage;
import dev.cowatch.server.chat.ChatRepository;
import dev.cowatch.server.platform.jdbc.Columns;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Chat in the relational database (SQLite or PostgreSQL). */
public final class JdbcChatRepository implements ChatRepository {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RowMapper<ChatMessage> MESSAGE = (rs, ctx) -> new ChatMessage(rs.getLong("id"),
      rs.getString("room_id"), rs.getString("user_id"), rs.getString("member_id"), rs.getString("display_name"),
      rs.getString("body"), rs.getLong("created_at"), event(rs.getString("event")), Map.of(), rs.getString("line_id"));

  private static final RowMapper<Reaction> REACTION = (rs, ctx) -> new Reaction(rs.getLong("message_id"),
      rs.getString("emoji"), rs.getString("user_id"));

  /** One person's emoji on one line. */
  private record Reaction(long messageId, String emoji, String userId) {
    void addTo(Map<String, List<String>> byEmoji) {
      byEmoji.computeIfAbsent(emoji, k -> new ArrayList<>()).add(userId);
    }
  }

  private final Jdbi jdbi;

  public JdbcChatRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public ChatMessage append(ChatMessage m) {
    return jdbi.withHandle(h -> insert(h, m));
  }

  @Override
  public List<ChatMessage> appendAll(List<ChatMessage> messages) {
    if (messages.isEmpty()) return List.of();
    return jdbi.inTransaction(h -> {
      List<ChatMessage> stored = new ArrayList<>(messages.size());
      for (ChatMessage m : messages) stored.add(insert(h, m));
      return stored;
    });
  }

  private static ChatMessage insert(Handle h, ChatMessage m) {
    long id = h.createUpdate("INSERT INTO chat_messages (room_id, user_id, member_id, "
            + "display_name, body, created_at, kind, event, line_id) "
            + "VALUES (:room, :user, :member, :name, :body, :at, :kind, :event, :line)")
        .bind("room", m.roomId()).bind("user", m.userId()).bind("member", m.memberId()).bind("name", m.name())
        .bind("body", m.text()).bind("at", m.atMs()).bind("kind", m.isSystem() ? "system" : "user")
        .bind("event", m.isSystem() ? json(m.event()) : null).bind("line", m.lineId())
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    return new ChatMessage(id, m.roomId(), m.userId(), m.memberId(), m.name(), m.text(), m.atMs(), m.event(), Map.of(),
        m.lineId());
  }

  @Override
  public List<ChatMessage> page(String roomId, Long beforeId, int limit) {
    return jdbi.withHandle(h -> {
      List<ChatMessage> newestFirst = h.createQuery("SELECT * FROM chat_messages "
              + "WHERE room_id = :room AND deleted_at IS NULL AND id < :before ORDER BY id DESC LIMIT :limit")
          .bind("room", roomId).bind("before", beforeId == null ? Long.MAX_VALUE : beforeId).bind("limit", limit)
          .map(MESSAGE).list();
      List<ChatMessage> page = new ArrayList<>(newestFirst.size());
      if (newestFirst.isEmpty()) return page;
      Map<Long, Map<String, List<String>>> reactions = new LinkedHashMap<>();
      for (Reaction r : h.createQuery("SELECT message_id, emoji, user_id FROM chat_reactions WHERE message_id IN (<ids>) "
              + "ORDER BY created_at, user_id")
          .bindList("ids", newestFirst.stream().map(ChatMessage::id).toList()).map(REACTION).list()) {
        r.addTo(reactions.computeIfAbsent(r.messageId(), k -> new LinkedHashMap<>()));
      }
      for (ChatMessage m : newestFirst) page.add(m.withReactions(reactions.getOrDefault(m.id(), Map.of())));
      Collections.reverse(page);
      return page;
    });
  }

  @Override
  public Optional<ChatMessage> find(String roomId, long id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM chat_messages WHERE room_id = :room AND id = :id "
            + "AND deleted_at IS NULL").bind("room", roomId).bind("id", id).map(MESSAGE).findOne());
  }

  @Override
  public Optional<ChatMessage> findByLineId(String roomId, String userId, String lineId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM chat_messages WHERE room_id = :room AND user_id = :user "
            + "AND line_id = :line").bind("room", roomId).bind("user", userId).bind("line", lineId).map(MESSAGE).findOne());
  }

  @Override
  public boolean delete(String roomId, long id, String deletedBy, long atMs) {
    return jdbi.withHandle(h -> h.createUpdate("UPDATE chat_messages SET deleted_at = :at, deleted_by = :by "
            + "WHERE room_id = :room AND id = :id AND deleted_at IS NULL")
        .bind("at", atMs).bind("by", deletedBy).bind("room", roomId).bind("id", id).execute() == 1);
  }

  @Override
  public Map<String, List<String>> react(long messageId, String userId, String emoji, boolean on, long atMs) {
    return jdbi.inTransaction(h -> {
      if (on) {
        h.createUpdate("INSERT INTO chat_reactions (message_id, user_id, emoji, created_at) "
                + "VALUES (:id, :user, :emoji, :at) ON CONFLICT DO NOTHING")
            .bind("id", messageId).bind("user", userId).bind("emoji", emoji).bind("at", atMs).execute();
      } else {
        h.createUpdate("DELETE FROM chat_reactions WHERE message_id = :id AND user_id = :user AND emoji = :emoji")
            .bind("id", messageId).bind("user", userId).bind("emoji", emoji).execute();
      }
      return reactions(h, messageId);
    });
  }

  @Override
  public int emojiCount(long messageId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(DISTINCT emoji) FROM chat_reactions WHERE message_id = :id")
        .bind("id", messageId).mapTo(Integer.class).one());
  }

  @Override
  public void mute(String roomId, String userId, Long untilMs, String by, long atMs) {
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM room_mutes WHERE room_id = :room AND user_id = :user")
          .bind("room", roomId).bind("user", userId).execute();
      h.createUpdate("INSERT INTO room_mutes (room_id, user_id, until_at, muted_by, created_at) "
              + "VALUES (:room, :user, :until, :by, :at)")
          .bind("room", roomId).bind("user", userId).bind("until", untilMs).bind("by", by).bind("at", atMs).execute();
    });
  }

  @Override
  public boolean unmute(String roomId, String userId) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM room_mutes WHERE room_id = :room AND user_id = :user")
        .bind("room", roomId).bind("user", userId).execute() == 1);
  }

  @Override
  public OptionalLong mutedUntil(String roomId, String userId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT until_at FROM room_mutes WHERE room_id = :room AND user_id = :user")
        .bind("room", roomId).bind("user", userId)
        .map((rs, ctx) -> Columns.longOrNull(rs, "until_at") == null ? Long.MAX_VALUE : rs.getLong("until_at"))
        .findOne().map(OptionalLong::of).orElse(OptionalLong.empty()));
  }

  @Override
  public int slowModeSeconds(String roomId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT slow_mode_seconds FROM room_chat_settings WHERE room_id = :room")
        .bind("room", roomId).mapTo(Integer.class).findOne().orElse(0));
  }

  @Override
  public void setSlowMode(String roomId, int seconds, String by, long atMs) {
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM room_chat_settings WHERE room_id = :room").bind("room", roomId).execute();
      if (seconds > 0) {
        h.createUpdate("INSERT INTO room_chat_settings (room_id, slow_mode_seconds, set_by, set_at) "
                + "VALUES (:room, :seconds, :by, :at)")
            .bind("room", roomId).bind("seconds", seconds).bind("by", by).bind("at", atMs).execute();
      }
    });
  }

  @Override
  public OptionalLong lastLineAt(String roomId, String userId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT MAX(created_at) AS last_at FROM chat_messages "
            + "WHERE room_id = :room AND user_id = :user AND kind = 'user'")
        .bind("room", roomId).bind("user", userId)
        .map((rs, ctx) -> Columns.longOrNull(rs, "last_at")).findOne()
        .filter(java.util.Objects::nonNull).map(OptionalLong::of).orElse(OptionalLong.empty()));
  }

  private static Map<String, List<String>> reactions(Handle h, long messageId) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Reaction r : h.createQuery("SELECT message_id, emoji, user_id FROM chat_reactions WHERE message_id = :id "
        + "ORDER BY created_at, user_id").bind("id", messageId).map(REACTION).list()) {
      r.addTo(out);
    }
    return out;
  }

  private static String json(ChatEvent e) {
    ObjectNode n = JSON.createObjectNode().put("type", e.type().wire()).put("name", e.name());
    if (e.positionMs() != null) n.put("positionMs", e.positionMs());
    return n.toString();
  }

  private static ChatEvent event(String json) {
    if (json == null) return null;
    try {
      JsonNode n = JSON.readTree(json);
      return new ChatEvent(ChatEvent.Type.fromWire(n.get("type").asText()), n.get("name").asText(),
          n.has("positionMs") ? n.get("positionMs").asLong() : null);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable chat event " + json, e);
    }
  }
}
