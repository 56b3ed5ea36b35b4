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
 */
public interface RoomRepository {

  /** A new room with its password hash (null for none). */
  void insert(Room room, String passwordHash, long nowMs);

  /** The stored room, paused where it was last saved, with nobody connected. */
  Optional<Room> load(RoomId id);

  Optional<String> passwordHash(RoomId id);

  /** Settings and, when {@code passwordChange} is present, the new hash (an empty string clears it). */
  void saveSettings(RoomId id, RoomSettings settings, Optional<String> passwordChange, long nowMs);

  /** Writes the difference between two rosters (one join writes one row, not the whole roster). */
  void saveRoster(RoomId id, Roster before, Roster after);

  /**
   * Stores a newcomer's roster entry ahead of the join that will remember them, unless the user already has one, so
   * the join's decision need not wait for the database while it holds the room's lock (see RoomService#join). If the
   * join is then refused after all (the room filled up meanwhile) the entry stays: the user was admissible a moment
   * before, and a later roster write for them replaces it.
   */
  void rememberAhead(RoomId id, UserId user, RosterEntry entry);

  /** Replaces the room's stored queue. */
  void saveQueue(RoomId id, List<dev.cowatch.core.room.QueueItem> queue);

  /**
   * Checkpoints of rooms' timelines (with their subtitle tracks): where each is now, in one batch. A
   * checkpoint older than the stored one (a lower version) changes nothing.
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
