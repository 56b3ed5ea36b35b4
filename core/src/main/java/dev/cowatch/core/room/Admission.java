package dev.cowatch.core.room;

import java.util.Optional;

/**
 * Who may enter a room. The identity service only says who someone is; this decides whether
 * they get in: a banned user never, anyone holding a role always, a newcomer only as far as
 * the room's guest rule, privacy and password allow.
 */
public final class Admission {
  private Admission() {}

  /** Why {@code user} may not enter on its own (without a password or invite), or empty if it may. */
  public static Optional<ErrorCode> refusal(Room room, UserId user, boolean guest) {
    if (room.roster().isBanned(user)) return Optional.of(ErrorCode.BANNED);
    if (room.roster().entry(user).isPresent()) return Optional.empty();
    return newcomerRefusal(room.settings(), guest);
  }

  /** Why someone not yet known to the room (not on its roster, not banned) may not enter on their own. */
  public static Optional<ErrorCode> newcomerRefusal(RoomSettings settings, boolean guest) {
    return newcomerRefusal(settings, guest, false);
  }

  /**
   * For someone not on the roster. {@code vouched}: they proved they may enter (the password or
   * an invite), which lifts privacy and password but not the guest rule.
   */
  static Optional<ErrorCode> newcomerRefusal(RoomSettings settings, boolean guest, boolean vouched) {
    if (guest && !settings.guestsAllowed()) return Optional.of(ErrorCode.GUESTS_NOT_ALLOWED);
    if (vouched) return Optional.empty();
    if (settings.visibility() == Visibility.PRIVATE) return Optional.of(ErrorCode.INVITE_REQUIRED);
    if (settings.passwordProtected()) return Optional.of(ErrorCode.PASSWORD_REQUIRED);
    return Optional.empty();
  }

  static String explain(ErrorCode code) {
    return switch (code) {
      case BANNED -> "you are banned from this room";
      case GUESTS_NOT_ALLOWED -> "this room does not admit guests: sign in with an account";
      case INVITE_REQUIRED -> "this room is private: you need an invite";
      case PASSWORD_REQUIRED -> "this room needs its password";
      default -> code.name();
    };
  }
}
