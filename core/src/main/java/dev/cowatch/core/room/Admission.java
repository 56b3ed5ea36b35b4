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
    return newcomerRefusal(settings, guest, null);
  }

  /** How a newcomer proved they may enter. */
  public enum Vouch {
    /** The room's password: opens a password room, never a private one. */
    PASSWORD,
    /** An invite (a link, or a showing's list): opens a private room and a password room alike. */
    INVITE
  }

  /**
   * For someone not on the roster. {@code vouch} (null: none) lifts what it opens: an invite privacy and the
   * password, the password only the password. The guest rule stays either way.
   */
  static Optional<ErrorCode> newcomerRefusal(RoomSettings settings, boolean guest, Vouch vouch) {
    if (guest && !settings.guestsAllowed()) return Optional.of(ErrorCode.GUESTS_NOT_ALLOWED);
    if (vouch == Vouch.INVITE) return Optional.empty();
    // A private room is entered by invite only, whatever its password: an owner who makes a password room
    // private closes it to everyone who still knows the password.
    if (settings.visibility() == Visibility.PRIVATE) return Optional.of(ErrorCode.INVITE_REQUIRED);
    if (settings.passwordProtected() && vouch != Vouch.PASSWORD) return Optional.of(ErrorCode.PASSWORD_REQUIRED);
    return Optional.empty();
  }

  /**
   * Why {@code user} may not even try the room's password: banned, a guest where guests may not enter, or a
   * private room (a password never opens one). Asked before the try is counted or hashed.
   */
  public static Optional<ErrorCode> passwordTryRefusal(Room room, UserId user, boolean guest) {
    if (room.roster().isBanned(user)) return Optional.of(ErrorCode.BANNED);
    if (room.roster().entry(user).isPresent()) return Optional.empty();
    return newcomerRefusal(room.settings(), guest, Vouch.PASSWORD);
  }

  /** What a person is told for a refusal of this class: a sentence for a page, a chat, a Syncplay client. */
  public static String explain(ErrorCode code) {
    return switch (code) {
      case BANNED -> "you are banned from this room";
      case GUESTS_NOT_ALLOWED -> "this room does not admit guests: sign in with an account";
      case INVITE_REQUIRED -> "this room is private: you need an invite";
      case PASSWORD_REQUIRED -> "this room needs its password";
      default -> code.name();
    };
  }
}
