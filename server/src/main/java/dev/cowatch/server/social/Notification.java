package dev.cowatch.server.social;

import dev.cowatch.core.room.UserId;
import java.util.Map;
import java.util.Objects;

/**
 * Something the web app tells a user: a friend request, an accepted request, an invitation to a
 * room or a showing.
 *
 * @param actorId who caused it; null for the system (a reminder)
 * @param data small facts for the UI, such as {@code roomId}, {@code roomName}, {@code link}
 * @param readAtMs null while unread
 */
public record Notification(long id, UserId userId, Kind kind, UserId actorId, String actorName,
    Map<String, String> data, long createdAtMs, Long readAtMs) {

  public enum Kind {
    FRIEND_REQUEST, FRIEND_ACCEPTED, ROOM_INVITE, SHOWING_INVITE;

    public String wire() {
      return switch (this) {
        case FRIEND_REQUEST -> "friendRequest";
        case FRIEND_ACCEPTED -> "friendAccepted";
        case ROOM_INVITE -> "roomInvite";
        case SHOWING_INVITE -> "showingInvite";
      };
    }
  }

  public Notification {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(kind, "kind");
    data = Map.copyOf(data);
  }
}
