package dev.cowatch.server.room.jdbc;

import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.Roster;
import dev.cowatch.core.room.RosterEntry;
import dev.cowatch.core.room.UserId;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * A room's roster in its rows, fenced by the room's revision: each entry's row carries the revision that last wrote it,
 * each removal is kept with its revision in {@code room_roster_removals}, and the bans (written whole) carry theirs in
 * the rooms row. A write at a revision no newer than the stored one changes nothing, so a node that lost the room's
 * lease while stalled, writing late, cannot put back an entry that a newer decision changed or removed.
 */
final class RosterRows {
  /**
   * An entry, added or changed. Upserts, where the rest of the repository keeps to plain statements: both databases
   * take this form (SQLite since 3.24), and an upsert is the one statement that both compares with a row that may be
   * there and writes it, with no other writer in between.
   */
  private static final String WRITE_ENTRY = "INSERT INTO room_roles (room_id, user_id, role, display_name, guest, "
      + "since, revision) SELECT :room, :user, :role, :name, :guest, :since, :revision WHERE NOT EXISTS "
      + "(SELECT 1 FROM room_roster_removals WHERE room_id = :room AND user_id = :user AND revision >= :revision) "
      + "ON CONFLICT (room_id, user_id) DO UPDATE SET role = excluded.role, display_name = excluded.display_name, "
      + "guest = excluded.guest, since = excluded.since, revision = excluded.revision "
      + "WHERE room_roles.revision < excluded.revision";
  /** A removal that an entry written later stands for. */
  private static final String FORGET_REMOVAL =
      "DELETE FROM room_roster_removals WHERE room_id = :room AND user_id = :user AND revision < :revision";
  private static final String REMOVE_ENTRY =
      "DELETE FROM room_roles WHERE room_id = :room AND user_id = :user AND revision < :revision";
  /**
   * Kept even where the entry was written again later (its row's revision is newer and wins): the removal is then
   * harmless, and telling the two cases apart would take a read per removal.
   */
  private static final String REMEMBER_REMOVAL = "INSERT INTO room_roster_removals (room_id, user_id, revision) "
      + "VALUES (:room, :user, :revision) ON CONFLICT (room_id, user_id) DO UPDATE SET revision = excluded.revision "
      + "WHERE room_roster_removals.revision < excluded.revision";

  private RosterRows() {}

  /** A new room's roster: plain inserts (the legacy H2 import writes rooms this way too). */
  static void insert(Handle h, RoomId id, long revision, Roster roster) {
    PreparedBatch insert = h.prepareBatch("INSERT INTO room_roles (room_id, user_id, role, display_name, guest, since, "
        + "revision) VALUES (:room, :user, :role, :name, :guest, :since, :revision)");
    for (var e : roster.entries().entrySet()) bindEntry(insert, id, revision, e.getKey(), e.getValue()).add();
    if (insert.size() > 0) insert.execute();
    PreparedBatch ban = h.prepareBatch("INSERT INTO room_bans (room_id, user_id) VALUES (:room, :user)");
    for (UserId u : roster.banned()) ban.bind("room", id.value()).bind("user", u.value()).add();
    if (ban.size() > 0) ban.execute();
  }

  /** The difference between two rosters, as of {@code revision}: changed, removed and new entries, and the bans. */
  static void write(Handle h, RoomId id, long revision, Roster before, Roster after) {
    Map<UserId, RosterEntry> old = before.entries();
    PreparedBatch remove = h.prepareBatch(REMOVE_ENTRY);
    PreparedBatch remember = h.prepareBatch(REMEMBER_REMOVAL);
    for (UserId user : old.keySet()) {
      if (after.entries().containsKey(user)) continue;
      remove.bind("room", id.value()).bind("user", user.value()).bind("revision", revision).add();
      remember.bind("room", id.value()).bind("user", user.value()).bind("revision", revision).add();
    }
    if (remove.size() > 0) {
      remove.execute();
      remember.execute();
    }
    // A new entry may have been stored ahead of its join (rememberAhead, at an older revision): the write replaces it.
    PreparedBatch write = h.prepareBatch(WRITE_ENTRY);
    PreparedBatch forget = h.prepareBatch(FORGET_REMOVAL);
    for (var e : after.entries().entrySet()) {
      if (Objects.equals(old.get(e.getKey()), e.getValue())) continue;
      bindEntry(write, id, revision, e.getKey(), e.getValue()).add();
      forget.bind("room", id.value()).bind("user", e.getKey().value()).bind("revision", revision).add();
    }
    if (write.size() > 0) {
      write.execute();
      forget.execute();
    }
    if (!before.banned().equals(after.banned())) writeBans(h, id, revision, after.banned());
    // Most roster changes are a newcomer remembered: the room's row (its lock, a second write) is left alone then.
    if (!before.owner().equals(after.owner())) {
      // From the rows as they now are, whichever of this write's entries landed.
      h.createUpdate("UPDATE rooms SET owner_id = COALESCE((SELECT MIN(user_id) FROM room_roles "
              + "WHERE room_id = :room AND role = 'OWNER'), owner_id) WHERE id = :room")
          .bind("room", id.value()).execute();
    }
  }

  /** Stores {@code entry} at {@code revision} unless the user has a row (see RoomRepository#rememberAhead). */
  static void rememberAhead(Handle h, RoomId id, long revision, UserId user, RosterEntry entry) {
    bindEntry(h.createUpdate("INSERT INTO room_roles (room_id, user_id, role, display_name, guest, since, revision) "
        + "SELECT :room, :user, :role, :name, :guest, :since, :revision WHERE NOT EXISTS "
        + "(SELECT 1 FROM room_roles WHERE room_id = :room AND user_id = :user)"), id, revision, user, entry).execute();
  }

  /** The bans, whole, unless bans written at {@code revision} or a later one are there. */
  private static void writeBans(Handle h, RoomId id, long revision, Set<UserId> banned) {
    int newer = h.createUpdate("UPDATE rooms SET bans_revision = :revision WHERE id = :room AND bans_revision < :revision")
        .bind("room", id.value()).bind("revision", revision).execute();
    if (newer == 0) return;
    h.createUpdate("DELETE FROM room_bans WHERE room_id = :room").bind("room", id.value()).execute();
    PreparedBatch ban = h.prepareBatch("INSERT INTO room_bans (room_id, user_id) VALUES (:room, :user)");
    for (UserId u : banned) ban.bind("room", id.value()).bind("user", u.value()).add();
    if (ban.size() > 0) ban.execute();
  }

  private static <S extends SqlStatement<S>> S bindEntry(S statement, RoomId id,
      long revision, UserId user, RosterEntry entry) {
    return statement.bind("room", id.value()).bind("user", user.value()).bind("role", entry.role().name())
        .bind("name", entry.displayName()).bind("guest", entry.guest()).bind("since", entry.sinceMs())
        .bind("revision", revision);
  }

  /**
   * One owner, as a roster must have, from rows that may hold two: a transfer writes the new owner's row and the old
   * owner's (now a moderator) in one decision, and a node that died between that decision's live commit and its
   * database write left only the next decision's rows written, so the database can hold the old owner's row from before
   * and the new one's. The owner written last is the owner; any other owner row is read as the moderator a transfer
   * makes of the old owner. Nothing to do with one owner row, the usual case.
   */
  static void settleOwner(Map<UserId, RosterEntry> entries, Map<UserId, Long> revisions) {
    UserId newest = null;
    for (Map.Entry<UserId, RosterEntry> e : entries.entrySet()) {
      if (e.getValue().role() != dev.cowatch.core.room.Role.OWNER) continue;
      if (newest == null || revisions.getOrDefault(e.getKey(), 0L) > revisions.getOrDefault(newest, 0L)) {
        newest = e.getKey();
      }
    }
    for (Map.Entry<UserId, RosterEntry> e : entries.entrySet()) {
      RosterEntry entry = e.getValue();
      if (entry.role() == dev.cowatch.core.room.Role.OWNER && !e.getKey().equals(newest)) {
        e.setValue(new RosterEntry(dev.cowatch.core.room.Role.MODERATOR, entry.displayName(), entry.guest(),
            entry.sinceMs()));
      }
    }
  }
}
