package dev.cowatch.server.room.live;

import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.Roster;
import dev.cowatch.core.room.RosterEntry;
import dev.cowatch.core.room.UserId;
import java.util.List;
import java.util.Optional;

/**
 * Port: where rooms outlive the process: settings, roster, bans and the last known timeline.
 * The live state (members, sessions) stays in the {@link RoomStore}.
 *
 * <p>Writes are fenced by the room's revision (the decision's, see RoomCommits): each part remembers the revision that
 * last wrote it, and a write at a revision no newer than that changes nothing. A node that lost the room's lease
 * while stalled and writes late so cannot put an older decision back over a newer one. The same revision written
 * twice keeps the first: only one decision owns a revision, so a second write is a retry or a decision the live store
 * refused.
 */
public interface RoomRepository {

  /** A new room with its password hash (null for none), every part at the room's revision. */
  void insert(Room room, String passwordHash, long nowMs);

  /**
   * The stored room, paused where it was last saved, with nobody connected, at the newest revision any of its parts
   * was written at: the decisions made on it then write at later ones, which the stored parts do not fence out.
   */
  Optional<Room> load(RoomId id);

  Optional<String> passwordHash(RoomId id);

  /**
   * Settings and, when {@code passwordChange} is present, the new hash (an empty string clears it), as of the room's
   * {@code revision}; each of the two is left alone where stored at that revision or a later one.
   */
  void saveSettings(RoomId id, long revision, RoomSettings settings, Optional<String> passwordChange, long nowMs);

  /**
   * Writes the difference between two rosters (one join writes one row, not the whole roster) as of the room's
   * {@code revision}: an entry, a removal or the bans stored at that revision or a later one are left alone.
   */
  void saveRoster(RoomId id, long revision, Roster before, Roster after);

  /**
   * Stores a newcomer's roster entry ahead of the join that will remember them, unless the user already has one, so
   * the join's decision need not wait for the database while it holds the room's lock (see RoomService#join). If the
   * join is then refused after all (the room filled up meanwhile) the entry stays: the user was admissible a moment
   * before, and a later roster write for them replaces it. {@code revision}: the room's as it was read, older than the
   * join's, so the join's own write (if it makes one) replaces the entry.
   */
  void rememberAhead(RoomId id, long revision, UserId user, RosterEntry entry);

  /** Replaces the room's stored queue, unless one stored at {@code revision} or a later one is there. */
  void saveQueue(RoomId id, long revision, List<dev.cowatch.core.room.QueueItem> queue);

  /**
   * Checkpoints of rooms' timelines (with their subtitle tracks): where each is now, in one batch. A
   * checkpoint older than the stored one (a lower version) changes nothing; one of the same version lands (a playing
   * room's position moves on without a new version).
   */
  void saveTimelines(List<TimelineCheckpoint> checkpoints);

  boolean delete(RoomId id);

  /** Public rooms whose name contains {@code query} (any case), most recently active first. */
  List<RoomSummary> directory(String query, int limit);

  /** The rooms where {@code user} holds a role, most recently active first. */
  List<UserRoom> roomsOf(UserId user, int limit);

  int count();

  /** Rooms {@code user} owns, for the per-user limit. */
  int countOwnedBy(UserId user);

  /** Where a room's timeline is, and the subtitle track it shows (null for none) for that media. */
  record TimelineCheckpoint(RoomId id, String mediaId, long positionMs, double rate, long version, long atMs,
      String subtitleTrack) {}

  record RoomSummary(String id, String name, String visibility, boolean passwordProtected, boolean guestsAllowed,
      String ownerName, String mediaId, long updatedAt) {}

  record UserRoom(RoomSummary room, String role) {}
}
