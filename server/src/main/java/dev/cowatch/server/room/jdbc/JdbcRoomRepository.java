package dev.cowatch.server.room.jdbc;

import dev.cowatch.core.room.BufferingPolicy;
import dev.cowatch.core.room.ControlMode;
import dev.cowatch.core.room.Playback;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.QueueItem;
import dev.cowatch.core.room.Role;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.Roster;
import dev.cowatch.core.room.RosterEntry;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.core.room.UserId;
import dev.cowatch.core.room.Visibility;
import dev.cowatch.server.platform.jdbc.Columns;
import dev.cowatch.server.room.live.RoomRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Rooms in the relational database (SQLite or PostgreSQL; the same SQL for both). Each part carries the room revision
 * that last wrote it (the settings, password, queue and bans in the rooms row, an entry in its row; see RosterRows),
 * and a write at a revision no newer than the stored one changes nothing: {@code <}, not {@code <=}, since one
 * revision is one decision, written once by the node whose compare-and-set took it (see RoomCommits).
 */
public final class JdbcRoomRepository implements RoomRepository {
  private static final String SAVE_TIMELINE = "UPDATE rooms SET media_id = :media, position_ms = :position, rate = :rate, "
      + "timeline_version = :version, subtitle_track = :subtitle, updated_at = :at "
      // A background checkpoint read before a change was stored must not put the older version back. The version is
      // the timeline's own, not the room's revision: it moves only with the timeline, and a playing room's background
      // checkpoints write the same version again with a later position, hence <=. Along the room's decisions it never
      // goes down, so a stalled node's late write names an older version than the one stored after it and changes
      // nothing: no fencing by revision is needed. Only an undo (RoomCommits) puts an older version back, and the next
      // change then names the refused timeline's version again. The refused timeline is in the database only if its
      // own write failed after landing (it is written last); the undo's checkpoint, of the older version, does not
      // replace it, and the next change's, of that same version, does.
      + "WHERE id = :id AND timeline_version <= :version";

  private static final String SUMMARY_COLUMNS = "r.id, r.name, r.visibility, r.password_hash, r.guests_allowed, "
      + "r.media_id, r.updated_at, (SELECT o.display_name FROM room_roles o WHERE o.room_id = r.id AND o.role = 'OWNER') AS owner_name";

  private final Jdbi jdbi;

  public JdbcRoomRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void insert(Room room, String passwordHash, long nowMs) {
    jdbi.useTransaction(h -> {
      RoomSettings s = room.settings();
      Timeline t = room.timeline();
      h.createUpdate("INSERT INTO rooms (id, name, visibility, password_hash, guests_allowed, control_mode, "
              + "buffering_policy, buffer_wait_timeout_ms, max_members, owner_id, media_id, position_ms, rate, "
              + "timeline_version, created_at, updated_at, settings_revision, password_revision, queue_revision, "
              + "bans_revision) VALUES (:id, :name, :visibility, :hash, :guests, :control, :buffering, :wait, :max, "
              + ":owner, :media, :position, :rate, :version, :now, :now, :revision, :revision, :revision, :revision)")
          .bind("id", room.id().value())
          .bind("name", s.name())
          .bind("visibility", s.visibility().name())
          .bind("hash", passwordHash)
          .bind("guests", s.guestsAllowed())
          .bind("control", s.controlMode().name())
          .bind("buffering", s.bufferingPolicy().name())
          .bind("wait", s.bufferWaitTimeoutMs())
          .bind("max", s.maxMembers())
          .bind("owner", room.roster().owner().value())
          .bind("media", t.mediaId())
          .bind("position", t.anchorPositionMs())
          .bind("rate", t.rate())
          .bind("version", t.version())
          .bind("now", nowMs)
          .bind("revision", room.revision())
          .execute();
      RosterRows.insert(h, room.id(), room.revision(), room.roster());
    });
  }

  @Override
  public Optional<Room> load(RoomId id) {
    return jdbi.inTransaction(h -> {
      Optional<Map<String, Object>> row = h.createQuery("SELECT r.*, "
              + "(SELECT COALESCE(MAX(e.revision), 0) FROM room_roles e WHERE e.room_id = r.id) AS entries_revision, "
              + "(SELECT COALESCE(MAX(x.revision), 0) FROM room_roster_removals x WHERE x.room_id = r.id) "
              + "AS removals_revision FROM rooms r WHERE r.id = :id")
          .bind("id", id.value()).mapToMap().findOne();
      if (row.isEmpty()) return Optional.empty();
      Map<String, Object> r = row.get();
      // A name stored before the one name rule (core.text.Names) may hold characters it now refuses.
      String name = dev.cowatch.core.text.Names.repaired((String) r.get("name"), RoomSettings.MAX_NAME_LENGTH, "Room");
      RoomSettings settings = new RoomSettings(name,
          Visibility.valueOf((String) r.get("visibility")), r.get("password_hash") != null,
          Columns.truth(r.get("guests_allowed")), ControlMode.valueOf((String) r.get("control_mode")),
          BufferingPolicy.valueOf((String) r.get("buffering_policy")), number(r, "buffer_wait_timeout_ms"),
          (int) number(r, "max_members"));
      Map<UserId, RosterEntry> entries = new LinkedHashMap<>();
      Map<UserId, Long> revisions = new java.util.HashMap<>();
      h.createQuery("SELECT user_id, role, display_name, guest, since, revision FROM room_roles WHERE room_id = :id "
              + "ORDER BY since")
          .bind("id", id.value())
          .map((rs, ctx) -> {
            UserId user = new UserId(rs.getString("user_id"));
            revisions.put(user, rs.getLong("revision"));
            return Map.entry(user, new RosterEntry(Role.valueOf(rs.getString("role")), rs.getString("display_name"),
                rs.getBoolean("guest"), rs.getLong("since")));
          })
          .forEach(e -> entries.put(e.getKey(), e.getValue()));
      RosterRows.settleOwner(entries, revisions);
      Set<UserId> banned = new LinkedHashSet<>(h.createQuery("SELECT user_id FROM room_bans WHERE room_id = :id")
          .bind("id", id.value()).map((rs, ctx) -> new UserId(rs.getString(1))).list());
      // A room that was playing comes back paused where it had reached; the version moves on so
      // that an intent based on the old, playing timeline is recognised as stale.
      Timeline timeline = new Timeline((String) r.get("media_id"), PlaybackState.PAUSED, number(r, "position_ms"),
          number(r, "updated_at"), ((Number) r.get("rate")).doubleValue(), number(r, "timeline_version") + 1);
      List<QueueItem> queue = h.createQuery("SELECT item_id, media_id, title FROM room_queue WHERE room_id = :id "
              + "ORDER BY position").bind("id", id.value())
          .map((rs, ctx) -> new QueueItem(rs.getString("item_id"), rs.getString("media_id"), rs.getString("title")))
          .list();
      return Optional.of(new Room(id, settings, new Roster(entries, banned),
          new Playback(timeline, (String) r.get("subtitle_track"), 0), queue, List.of(), newestRevision(r)));
    });
  }

  /** The newest revision any part of the room was written at (see RoomRepository#load). */
  private static long newestRevision(Map<String, Object> row) {
    long newest = 0;
    for (String part : List.of("settings_revision", "password_revision", "queue_revision", "bans_revision",
        "entries_revision", "removals_revision")) {
      newest = Math.max(newest, number(row, part));
    }
    return newest;
  }

  @Override
  public void saveQueue(RoomId id, long revision, List<QueueItem> queue) {
    jdbi.useTransaction(h -> {
      int newer = h.createUpdate("UPDATE rooms SET queue_revision = :revision WHERE id = :id AND queue_revision < :revision")
          .bind("id", id.value()).bind("revision", revision).execute();
      if (newer == 0) return;
      h.createUpdate("DELETE FROM room_queue WHERE room_id = :id").bind("id", id.value()).execute();
      for (int i = 0; i < queue.size(); i++) {
        QueueItem q = queue.get(i);
        h.createUpdate("INSERT INTO room_queue (room_id, position, item_id, media_id, title) "
                + "VALUES (:id, :pos, :item, :media, :title)")
            .bind("id", id.value()).bind("pos", i).bind("item", q.id()).bind("media", q.mediaId()).bind("title", q.title())
            .execute();
      }
    });
  }

  @Override
  public Optional<String> passwordHash(RoomId id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT password_hash FROM rooms WHERE id = :id").bind("id", id.value())
        .mapTo(String.class).findOne());
  }

  @Override
  public void saveSettings(RoomId id, long revision, RoomSettings s, Optional<String> passwordChange, long nowMs) {
    jdbi.useTransaction(h -> {
      h.createUpdate("UPDATE rooms SET name = :name, visibility = :visibility, guests_allowed = :guests, "
              + "control_mode = :control, buffering_policy = :buffering, buffer_wait_timeout_ms = :wait, "
              + "max_members = :max, updated_at = :now, settings_revision = :revision "
              + "WHERE id = :id AND settings_revision < :revision")
          .bind("id", id.value()).bind("name", s.name()).bind("visibility", s.visibility().name())
          .bind("guests", s.guestsAllowed()).bind("control", s.controlMode().name())
          .bind("buffering", s.bufferingPolicy().name()).bind("wait", s.bufferWaitTimeoutMs())
          .bind("max", s.maxMembers()).bind("now", nowMs).bind("revision", revision)
          .execute();
      // Fenced apart from the settings: a later decision that changed the settings alone wrote no hash, so a late
      // password change is still the stored one's successor.
      passwordChange.ifPresent(hash -> h.createUpdate("UPDATE rooms SET password_hash = :hash, "
              + "password_revision = :revision WHERE id = :id AND password_revision < :revision")
          .bind("id", id.value()).bind("hash", hash.isEmpty() ? null : hash).bind("revision", revision).execute());
    });
  }

  @Override
  public void saveRoster(RoomId id, long revision, Roster before, Roster after) {
    jdbi.useTransaction(h -> RosterRows.write(h, id, revision, before, after));
  }

  @Override
  public void rememberAhead(RoomId id, long revision, UserId user, RosterEntry entry) {
    jdbi.useHandle(h -> RosterRows.rememberAhead(h, id, revision, user, entry));
  }

  @Override
  public void saveTimelines(List<TimelineCheckpoint> checkpoints) {
    if (checkpoints.isEmpty()) return;
    if (checkpoints.size() == 1) {
      // Every timeline change waits for this write: one statement in its own commit is one round trip to a database
      // server, where a transaction around it (BEGIN with the statement, then COMMIT) is two.
      TimelineCheckpoint c = checkpoints.getFirst();
      jdbi.useHandle(h -> bindCheckpoint(h.createUpdate(SAVE_TIMELINE), c).execute());
      return;
    }
    jdbi.useTransaction(h -> {
      PreparedBatch batch = h.prepareBatch(SAVE_TIMELINE);
      for (TimelineCheckpoint c : checkpoints) bindCheckpoint(batch, c).add();
      batch.execute();
    });
  }

  private static <S extends SqlStatement<S>> S bindCheckpoint(S statement, TimelineCheckpoint c) {
    return statement.bind("id", c.id().value()).bind("media", c.mediaId()).bind("position", c.positionMs())
        .bind("rate", c.rate()).bind("version", c.version()).bind("subtitle", c.subtitleTrack()).bind("at", c.atMs());
  }

  @Override
  public boolean delete(RoomId id) {
    return jdbi.inTransaction(h -> h.createUpdate("DELETE FROM rooms WHERE id = :id").bind("id", id.value()).execute() == 1);
  }

  @Override
  public List<RoomSummary> directory(String query, int limit) {
    String pattern = "%" + escapeLike(query == null ? "" : query.strip().toLowerCase(Locale.ROOT)) + "%";
    return jdbi.withHandle(h -> h.createQuery("SELECT " + SUMMARY_COLUMNS + " FROM rooms r WHERE r.visibility = 'PUBLIC' "
            + "AND LOWER(r.name) LIKE :pattern ESCAPE '\\' ORDER BY r.updated_at DESC, r.id LIMIT :limit")
        .bind("pattern", pattern).bind("limit", limit)
        .map((rs, ctx) -> summary(rs)).list());
  }

  @Override
  public List<UserRoom> roomsOf(UserId user, int limit) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + SUMMARY_COLUMNS + ", m.role AS my_role FROM room_roles m "
            + "JOIN rooms r ON r.id = m.room_id WHERE m.user_id = :user ORDER BY r.updated_at DESC, r.id LIMIT :limit")
        .bind("user", user.value()).bind("limit", limit)
        .map((rs, ctx) -> new UserRoom(summary(rs), rs.getString("my_role"))).list());
  }

  @Override
  public int count() {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM rooms").mapTo(Integer.class).one());
  }

  @Override
  public int countOwnedBy(UserId user) {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM rooms WHERE owner_id = :user")
        .bind("user", user.value()).mapTo(Integer.class).one());
  }

  private static RoomSummary summary(ResultSet rs) throws SQLException {
    return new RoomSummary(rs.getString("id"), rs.getString("name"), rs.getString("visibility"),
        rs.getString("password_hash") != null, rs.getBoolean("guests_allowed"), rs.getString("owner_name"), rs.getString("media_id"),
        rs.getLong("updated_at"));
  }

  private static String escapeLike(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static long number(Map<String, Object> row, String column) {
    return ((Number) row.get(column)).longValue();
  }
}
