package dev.cowatch.server.room;

import dev.cowatch.core.room.ErrorCode;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.StrangerView;
import dev.cowatch.core.room.StrangerView.Sight;
import dev.cowatch.core.room.StrangerView.Viewer;
import dev.cowatch.server.account.Identity;
import java.util.Optional;

/**
 * What a caller sees of a room: who they are to it, how much of it shows ({@link StrangerView}'s table)
 * and the refusal they are told. Every surface that shows a room asks this, never the settings itself.
 *
 * @param refusal what they are told stands between them and the room (see {@link StrangerView#refusalShown}),
 *     or null when they may walk in
 */
public record RoomSight(Viewer viewer, Sight sight, ErrorCode refusal) {

  /** {@code access}: the caller's role and admission as {@link RoomAccess#of} found them. */
  public static RoomSight of(Room room, Optional<Identity> who, RoomAccess access) {
    Viewer viewer = viewer(room, who);
    return new RoomSight(viewer, StrangerView.sight(room.settings(), viewer),
        StrangerView.refusalShown(room.settings(), viewer, access.refusal()));
  }

  static Viewer viewer(Room room, Optional<Identity> who) {
    if (who.isEmpty()) return Viewer.ANONYMOUS;
    var user = who.get().userId();
    if (room.roster().isBanned(user)) return Viewer.BANNED;
    if (room.roster().entry(user).isPresent()) return Viewer.MEMBER;
    return who.get().isGuest() ? Viewer.GUEST : Viewer.ACCOUNT;
  }

  public boolean shows(StrangerView.Field field) {
    return sight.shows(field);
  }
}
