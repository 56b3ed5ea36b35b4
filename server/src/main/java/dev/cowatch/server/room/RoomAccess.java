package dev.cowatch.server.room;

import dev.cowatch.core.room.Action;
import dev.cowatch.core.room.Admission;
import dev.cowatch.core.room.ErrorCode;
import dev.cowatch.core.room.Permissions;
import dev.cowatch.core.room.Role;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RosterEntry;
import dev.cowatch.core.room.UserId;
import dev.cowatch.server.account.Identity;
import java.util.Optional;

/**
 * What the caller may do in a room: their role (null if none) and, if they may not enter, why (null when they
 * may). Read from the room's roster and core's {@link Admission}, the one table of who may enter.
 */
public record RoomAccess(Role role, ErrorCode refusal) {

  /** The access of {@code who} (empty: someone not signed in, who would enter as a guest nobody knows yet). */
  public static RoomAccess of(Room room, Optional<Identity> who) {
    if (who.isEmpty()) return new RoomAccess(null, Admission.newcomerRefusal(room.settings(), true).orElse(null));
    UserId user = who.get().userId();
    Role role = room.roster().entry(user).map(RosterEntry::role).orElse(null);
    return new RoomAccess(role, Admission.refusal(room, user, who.get().isGuest()).orElse(null));
  }

  /** Whether the caller's role in the room (none when banned) allows {@code action} under its settings. */
  static boolean allows(Room room, Identity who, Action action) {
    return roleOf(room, who).map(r -> Permissions.allows(r, action, room.settings())).orElse(false);
  }

  /** The caller's role in the room; none when banned. */
  static Optional<Role> roleOf(Room room, Identity who) {
    if (room.roster().isBanned(who.userId())) return Optional.empty();
    return room.roster().entry(who.userId()).map(RosterEntry::role);
  }
}
