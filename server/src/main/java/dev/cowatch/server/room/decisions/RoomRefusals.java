package dev.cowatch.server.room.decisions;

import dev.cowatch.core.room.ErrorCode;
import dev.cowatch.server.platform.Refusal;

/**
 * The room's refusals as {@link Refusal}s: one table from the core's {@link ErrorCode} to a status and
 * problem type, used by the REST API and the room socket alike. A type is the wire code with hyphens
 * ({@code password_required} is {@code password-required}), which is how the socket maps it back.
 */
public final class RoomRefusals {
  private RoomRefusals() {}

  public static Refusal of(ErrorCode code, String message) {
    return switch (code) {
      case CONFLICT -> new Refusal(Refusal.Kind.CONFLICT, "conflict", message);
      case VERSION_FROM_FUTURE -> new Refusal(Refusal.Kind.CONFLICT, "version-from-future", message);
      case NOT_ALLOWED -> forbidden(message);
      case BANNED -> new Refusal(Refusal.Kind.FORBIDDEN, "banned", message);
      case PASSWORD_REQUIRED -> new Refusal(Refusal.Kind.FORBIDDEN, "password-required", message);
      case INVITE_REQUIRED -> new Refusal(Refusal.Kind.FORBIDDEN, "invite-required", message);
      case GUESTS_NOT_ALLOWED -> new Refusal(Refusal.Kind.FORBIDDEN, "guests-not-allowed", message);
      case UNKNOWN_USER -> new Refusal(Refusal.Kind.NOT_FOUND, "unknown-user", message);
      case NOT_A_MEMBER -> new Refusal(Refusal.Kind.FORBIDDEN, "not-a-member", message);
      case ROOM_FULL -> new Refusal(Refusal.Kind.CONFLICT, "room-full", message);
      case NO_MEDIA -> new Refusal(Refusal.Kind.CONFLICT, "no-media", message);
      case INVALID_ARGUMENT -> invalid(message);
    };
  }

  public static Refusal forbidden(String message) {
    return new Refusal(Refusal.Kind.FORBIDDEN, "not-allowed", message);
  }

  public static Refusal invalid(String message) {
    return new Refusal(Refusal.Kind.INVALID, "invalid-argument", message);
  }

  public static Refusal notAMember() {
    return of(ErrorCode.NOT_A_MEMBER, "not a member of this room");
  }

  public static Refusal roomNotFound(String roomId) {
    return new Refusal(Refusal.Kind.NOT_FOUND, "room-not-found", "no room '" + roomId + "'");
  }

  /**
   * The one answer for a library item someone may not use, whether or not it exists (404, so ids cannot be
   * probed); the media library answers the same.
   */
  public static Refusal mediaNotFound(String ref) {
    return new Refusal(Refusal.Kind.NOT_FOUND, "media-not-found", "no media '" + ref + "'");
  }
}
