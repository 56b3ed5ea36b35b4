package dev.cowatch.server.showing.jdbc;

import dev.cowatch.core.room.UserId;
import dev.cowatch.core.room.Visibility;
import dev.cowatch.server.platform.jdbc.Columns;
import dev.cowatch.server.showing.Episode;
import dev.cowatch.server.showing.Showing;
import dev.cowatch.server.showing.ShowingRepository;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Showings in the relational database (SQLite or PostgreSQL). */
public final class JdbcShowingRepository implements ShowingRepository {
  private final Jdbi jdbi;

  public JdbcShowingRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void insert(Showing s, long now) {
    jdbi.useTransaction(h -> {
      h.createUpdate("INSERT INTO showings (id, owner_id, title, description, starts_at, time_zone, visibility, "
              + "room_id, status, created_at, updated_at) VALUES (:id, :owner, :title, :description, :starts, :zone, "
              + ":visibility, :room, :status, :now, :now)")
          .bind("id", s.id()).bind("owner", s.ownerId().value()).bind("title", s.title())
          .bind("description", s.description()).bind("starts", s.startsAtMs()).bind("zone", s.zone().getId())
          .bind("visibility", s.visibility().name()).bind("room", s.roomId()).bind("status", s.status().name())
          .bind("now", now).execute();
      for (int i = 0; i < s.episodes().size(); i++) {
        Episode e = s.episodes().get(i);
        h.createUpdate("INSERT INTO showing_episodes (showing_id, position, media_id, title, duration_ms) "
                + "VALUES (:id, :pos, :media, :title, :duration)")
            .bind("id", s.id()).bind("pos", i).bind("media", e.mediaId()).bind("title", e.title())
            .bind("duration", e.durationMs()).execute();
      }
    });
  }

  @Override
  public Optional<Showing> find(String id) {
    return jdbi.withHandle(h -> one(h, "id = :key", id));
  }

  @Override
  public Optional<Showing> byRoom(String roomId) {
    return jdbi.withHandle(h -> one(h, "room_id = :key", roomId));
  }

  @Override
  public void update(Showing s, long now) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE showings SET starts_at = :starts, time_zone = :zone, status = :status, "
            + "updated_at = :now WHERE id = :id")
        .bind("starts", s.startsAtMs()).bind("zone", s.zone().getId()).bind("status", s.status().name())
        .bind("now", now).bind("id", s.id()).execute());
  }

  @Override
  public void answer(String showingId, UserId user, Answer answer, UserId invitedBy, long now) {
    jdbi.useTransaction(h -> {
      boolean exists = h.createQuery("SELECT COUNT(*) FROM showing_attendees WHERE showing_id = :id AND user_id = :user")
          .bind("id", showingId).bind("user", user.value()).mapTo(Integer.class).one() > 0;
      if (!exists) {
        h.createUpdate("INSERT INTO showing_attendees (showing_id, user_id, status, invited_by, updated_at) "
                + "VALUES (:id, :user, :status, :by, :now)")
            .bind("id", showingId).bind("user", user.value()).bind("status", answer.name())
            .bind("by", invitedBy == null ? null : invitedBy.value()).bind("now", now).execute();
      } else if (answer != Answer.INVITED) {
        h.createUpdate("UPDATE showing_attendees SET status = :status, updated_at = :now "
                + "WHERE showing_id = :id AND user_id = :user")
            .bind("status", answer.name()).bind("now", now).bind("id", showingId).bind("user", user.value()).execute();
      }
    });
  }

  @Override
  public List<Attendee> attendees(String showingId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT a.user_id, a.status, u.display_name, u.email "
            + "FROM showing_attendees a LEFT JOIN users u ON u.id = a.user_id WHERE a.showing_id = :id "
            + "ORDER BY a.updated_at, a.user_id")
        .bind("id", showingId)
        .map((rs, ctx) -> new Attendee(new UserId(rs.getString("user_id")),
            rs.getString("display_name") == null ? "?" : rs.getString("display_name"), rs.getString("email"),
            Answer.valueOf(rs.getString("status"))))
        .list());
  }

  @Override
  public Optional<Answer> answerOf(String showingId, UserId user) {
    return jdbi.withHandle(h -> h.createQuery("SELECT status FROM showing_attendees WHERE showing_id = :id "
            + "AND user_id = :user").bind("id", showingId).bind("user", user.value())
        .map((rs, ctx) -> Answer.valueOf(rs.getString("status"))).findOne());
  }

  @Override
  public List<Showing> upcomingFor(UserId user, long fromMs, int limit) {
    return jdbi.withHandle(h -> {
      List<String> ids = h.createQuery("SELECT s.id FROM showings s WHERE s.status = 'SCHEDULED' AND s.starts_at >= :from "
              + "AND (s.owner_id = :user OR EXISTS (SELECT 1 FROM showing_attendees a WHERE a.showing_id = s.id "
              + "AND a.user_id = :user AND a.status <> 'DECLINED')) ORDER BY s.starts_at, s.id LIMIT :limit")
          .bind("from", fromMs).bind("user", user.value()).bind("limit", limit).mapTo(String.class).list();
      List<Showing> found = new ArrayList<>();
      for (String id : ids) one(h, "id = :key", id).ifPresent(found::add);
      return found;
    });
  }

  @Override
  public int countOwnedUpcoming(UserId owner, long fromMs) {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM showings WHERE owner_id = :owner "
            + "AND status = 'SCHEDULED' AND starts_at >= :from")
        .bind("owner", owner.value()).bind("from", fromMs).mapTo(Integer.class).one());
  }

  @Override
  public List<Showing> active(long fromMs, int limit) {
    return jdbi.withHandle(h -> {
      List<String> ids = h.createQuery("SELECT id FROM showings WHERE status = 'SCHEDULED' AND starts_at >= :from "
          + "ORDER BY starts_at, id LIMIT :limit").bind("from", fromMs).bind("limit", limit).mapTo(String.class).list();
      List<Showing> found = new ArrayList<>();
      for (String id : ids) one(h, "id = :key", id).ifPresent(found::add);
      return found;
    });
  }

  private static Optional<Showing> one(Handle h, String where, String key) {
    record Row(String id, String owner, String title, String description, long starts, String zone, String visibility,
        String room, String status, long created) {}
    Optional<Row> row = h.createQuery("SELECT * FROM showings WHERE " + where).bind("key", key)
        .map((rs, ctx) -> new Row(rs.getString("id"), rs.getString("owner_id"), rs.getString("title"),
            rs.getString("description"), rs.getLong("starts_at"), rs.getString("time_zone"), rs.getString("visibility"),
            rs.getString("room_id"), rs.getString("status"), rs.getLong("created_at")))
        .findOne();
    if (row.isEmpty()) return Optional.empty();
    Row r = row.get();
    List<Episode> episodes = h.createQuery("SELECT * FROM showing_episodes WHERE showing_id = :id ORDER BY position")
        .bind("id", r.id())
        .map((rs, ctx) -> new Episode(rs.getString("media_id"), rs.getString("title"),
            Columns.longOrNull(rs, "duration_ms")))
        .list();
    return Optional.of(new Showing(r.id(), new UserId(r.owner()), r.title(), r.description(), episodes, r.starts(),
        ZoneId.of(r.zone()), Visibility.valueOf(r.visibility()), r.room(), Showing.Status.valueOf(r.status()),
        r.created()));
  }
}
