package dev.cowatch.core.room;

/**
 * The one permission table (docs/api.md shows it). Every check, from the WebSocket intents to
 * the REST routes, asks here; nothing else decides who may do what.
 */
public final class Permissions {
  private Permissions() {}

  public static boolean allows(Role role, Action action, RoomSettings settings) {
    boolean staff = role == Role.OWNER || role == Role.MODERATOR;
    boolean openControl = settings.controlMode() == ControlMode.EVERYONE;
    return switch (action) {
      case CONTROL_PLAYBACK -> staff || openControl;
      case CHANGE_MEDIA, EDIT_QUEUE -> staff || (openControl && role == Role.MEMBER);
      case CHAT -> true;
      case INVITE -> role != Role.GUEST;
      case KICK, BAN, CHANGE_SETTINGS, MODERATE_CHAT -> staff;
      case CHANGE_ROLES, TRANSFER_OWNERSHIP, DELETE_ROOM -> role == Role.OWNER;
    };
  }

  /**
   * May {@code actor} do {@code action} to someone holding {@code target}? Actions on people
   * need the action itself and a strictly higher role: a moderator cannot kick another moderator.
   */
  public static boolean allowsOn(Role actor, Action action, Role target, RoomSettings settings) {
    return allows(actor, action, settings) && actor.outranks(target);
  }
}
