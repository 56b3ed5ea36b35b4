package dev.cowatch.server.history.jdbc;

import dev.cowatch.core.room.UserId;
import dev.cowatch.server.history.HistoryEntry;
import dev.cowatch.server.history.WatchHistoryRepository;
import dev.cowatch.server.history.Watching;
import dev.cowatch.server.platform.jdbc.Columns;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Watch history in the relational database (SQLite or PostgreSQL). */
public final class JdbcWatchHistory implements WatchHistoryRepository {
  /** Names shown per entry; a packed public showing would otherwise list hundreds. */
  private static final int MAX_WITH = 10;
  private static final String OPEN = "user_id = :user AND room_id = :room AND media_id = :media AND ended_at IS NULL";

  private final Jdbi jdbi;

  public JdbcWatchHistory(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void start(Watching w, long now, long mergeWithinMs) {
    jdbi.useTransaction(h -> {
      boolean open = h.createQuery("SELECT COUNT(*) FROM watch_history WHERE " + OPEN)
          .bind("user", w.user().value()).bind("room", w.room().value()).bind("media", w.mediaId())
          .mapTo(Integer.class).one() > 0;
      if (open) return;
      int reopened = h.createUpdate("UPDATE watch_history SET ended_at = NULL, last_seen_at = :now, room_name = :name "
              + "WHERE id = (SELECT id FROM watch_history WHERE user_id = :user AND room_id = :room "
              + "AND media_id = :media AND ended_at >= :since ORDER BY ended_at DESC LIMIT 1)")
          .bind("now", now).bind("name", w.roomName()).bind("user", w.user().value()).bind("room", w.room().value())
          .bind("media", w.mediaId()).bind("since", now - mergeWithinMs).execute();
      if (reopened > 0) return;
      h.createUpdate("INSERT INTO watch_history (user_id, room_id, room_name, media_id, started_at, last_seen_at) "
              + "VALUES (:user, :room, :name, :media, :now, :now)")
          .bind("user", w.user().value()).bind("room", w.room().value()).bind("name", w.roomName())
          .bind("media", w.mediaId()).bind("now", now).execute();
    });
  }

  @Override
  public void end(Watching w, long now) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE watch_history SET ended_at = :now, last_seen_at = :now WHERE " + OPEN)
        .bind("now", now).bind("user", w.user().value()).bind("room", w.room().value()).bind("media", w.mediaId())
        .execute());
  }

  @Override
  public void seen(Collection<Watching> watching, long now) {
    if (watching.isEmpty()) return;
    jdbi.useHandle(h -> {
      PreparedBatch batch = h.prepareBatch("UPDATE watch_history SET last_seen_at = :now WHERE " + OPEN);
      for (Watching w : watching) {
        batch.bind("now", now).bind("user", w.user().value()).bind("room", w.room().value())
            .bind("media", w.mediaId()).add();
      }
      batch.execute();
    });
  }

  @Override
  public int endStale(long staleBefore) {
    return jdbi.withHandle(h -> h.createUpdate("UPDATE watch_history SET ended_at = last_seen_at "
        + "WHERE ended_at IS NULL AND last_seen_at < :before").bind("before", staleBefore).execute());
  }

  @Override
  public List<HistoryEntry> of(UserId user, Long beforeId, int limit) {
    return jdbi.withHandle(h -> {
      record Row(long id, String roomId, String roomName, String mediaId, long started, Long ended, long lastSeen) {}
      List<Row> rows = h.createQuery("SELECT * FROM watch_history WHERE user_id = :user AND id < :before "
              + "ORDER BY started_at DESC, id DESC LIMIT :limit")
          .bind("user", user.value()).bind("before", beforeId == null ? Long.MAX_VALUE : beforeId).bind("limit", limit)
          .map((rs, ctx) -> new Row(rs.getLong("id"), rs.getString("room_id"), rs.getString("room_name"),
              rs.getString("media_id"), rs.getLong("started_at"), Columns.longOrNull(rs, "ended_at"),
              rs.getLong("last_seen_at")))
          .list();
      List<HistoryEntry> entries = new ArrayList<>();
      for (Row r : rows) {
        // A stretch still open goes on (one that went stale is ended within minutes): its last-seen time
        // lags up to a heartbeat behind, so it must not bound who was there.
        long end = r.ended() != null ? r.ended() : Long.MAX_VALUE;
        List<String> with = h.createQuery("SELECT DISTINCT COALESCE(u.display_name, o.user_id) AS name "
                + "FROM watch_history o LEFT JOIN users u ON u.id = o.user_id "
                + "WHERE o.room_id = :room AND o.media_id = :media AND o.user_id <> :user "
                + "AND o.started_at < :end AND (o.ended_at IS NULL OR o.ended_at > :start) "
                + "ORDER BY name LIMIT :max")
            .bind("room", r.roomId()).bind("media", r.mediaId()).bind("user", user.value()).bind("end", end)
            .bind("start", r.started()).bind("max", MAX_WITH).mapTo(String.class).list();
        entries.add(new HistoryEntry(r.id(), r.roomId(), r.roomName(), r.mediaId(), r.started(), r.ended(), r.lastSeen(),
            with));
      }
      return entries;
    });
  }

  @Override
  public boolean remove(UserId user, long id) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM watch_history WHERE user_id = :user AND id = :id")
        .bind("user", user.value()).bind("id", id).execute() == 1);
  }

  @Override
  public void trim(UserId user, int keep) {
    jdbi.useHandle(h -> h.createQuery("SELECT id FROM watch_history WHERE user_id = :user "
            + "ORDER BY id DESC LIMIT 1 OFFSET :keep").bind("user", user.value()).bind("keep", keep - 1)
        .mapTo(Long.class).findOne()
        .ifPresent(oldestKept -> h.createUpdate("DELETE FROM watch_history WHERE user_id = :user AND id < :oldest")
            .bind("user", user.value()).bind("oldest", oldestKept).execute()));
  }
}
