package dev.cowatch.server.social.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowatch.core.room.UserId;
import dev.cowatch.server.platform.jdbc.Columns;
import dev.cowatch.server.social.Notification;
import dev.cowatch.server.social.NotificationRepository;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Notifications in the relational database; the small data map is stored as JSON text. */
public final class JdbcNotificationRepository implements NotificationRepository {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> DATA = new TypeReference<>() {};
  private static final RowMapper<Notification> NOTIFICATION = (rs, ctx) -> new Notification(rs.getLong("id"),
      new UserId(rs.getString("user_id")), Notification.Kind.valueOf(rs.getString("kind")),
      rs.getString("actor_id") == null ? null : new UserId(rs.getString("actor_id")), rs.getString("actor_name"),
      read(rs.getString("payload")), rs.getLong("created_at"), Columns.longOrNull(rs, "read_at"));

  private final Jdbi jdbi;

  public JdbcNotificationRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Notification add(Notification n, int keep) {
    String payload = write(n.data());
    return jdbi.inTransaction(h -> {
      long id = h.createUpdate("INSERT INTO notifications (user_id, kind, actor_id, actor_name, payload, created_at) "
              + "VALUES (:user, :kind, :actor, :actorName, :payload, :at)")
          .bind("user", n.userId().value()).bind("kind", n.kind().name())
          .bind("actor", n.actorId() == null ? null : n.actorId().value()).bind("actorName", n.actorName())
          .bind("payload", payload).bind("at", n.createdAtMs())
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      // Keep the newest `keep`: whatever is older than the keep-th newest goes.
      h.createQuery("SELECT id FROM notifications WHERE user_id = :user ORDER BY id DESC LIMIT 1 OFFSET :keep")
          .bind("user", n.userId().value()).bind("keep", keep - 1).mapTo(Long.class).findOne()
          .ifPresent(oldestKept -> h.createUpdate("DELETE FROM notifications WHERE user_id = :user AND id < :oldest")
              .bind("user", n.userId().value()).bind("oldest", oldestKept).execute());
      return new Notification(id, n.userId(), n.kind(), n.actorId(), n.actorName(), n.data(), n.createdAtMs(), null);
    });
  }

  @Override
  public List<Notification> page(UserId user, Long beforeId, int limit) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM notifications WHERE user_id = :user AND id < :before "
            + "ORDER BY id DESC LIMIT :limit")
        .bind("user", user.value()).bind("before", beforeId == null ? Long.MAX_VALUE : beforeId).bind("limit", limit)
        .map(NOTIFICATION).list());
  }

  @Override
  public int unreadCount(UserId user) {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM notifications WHERE user_id = :user "
        + "AND read_at IS NULL").bind("user", user.value()).mapTo(Integer.class).one());
  }

  @Override
  public int markRead(UserId user, long upToId, long now) {
    return jdbi.withHandle(h -> h.createUpdate("UPDATE notifications SET read_at = :now WHERE user_id = :user "
        + "AND id <= :upTo AND read_at IS NULL").bind("now", now).bind("user", user.value()).bind("upTo", upToId)
        .execute());
  }

  private static String write(Map<String, String> data) {
    try {
      String json = JSON.writeValueAsString(data);
      if (json.length() > 4000) throw new IllegalArgumentException("notification data too long");
      return json;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static Map<String, String> read(String json) {
    try {
      return JSON.readValue(json, DATA);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable notification payload", e);
    }
  }
}
