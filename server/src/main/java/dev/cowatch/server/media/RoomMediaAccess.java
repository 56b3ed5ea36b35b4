package dev.cowatch.server.media;

import dev.cowatch.core.room.UserId;
import java.util.Set;

/** The rooms' side of media shares: who is in which room. */
public interface RoomMediaAccess {
  /** True when {@code user} holds a role, and is not banned, in one of {@code roomIds}. */
  boolean holdsRoleIn(UserId user, Set<String> roomIds);

  /** True when a room with this id exists (live or stored). */
  boolean exists(String roomId);
}
