package dev.cowatch.server.media;

import dev.cowatch.core.room.UserId;

/** The rooms' side of who may watch library media they do not own. */
@FunctionalInterface
public interface RoomMediaAccess {
  /**
   * True when {@code user} holds a role (and is not banned) in a room whose timeline's media is
   * {@code roomMediaId} ({@code media:<id>}).
   */
  boolean holdsRoleWherePlaying(UserId user, String roomMediaId);
}
