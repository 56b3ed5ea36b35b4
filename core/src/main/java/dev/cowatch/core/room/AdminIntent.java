package dev.cowatch.core.room;

/**
 * What a user asks of a room's roster and settings (through the REST API, not a session). The
 * acting user's role decides, through {@link Permissions}.
 */
public sealed interface AdminIntent {

  /**
   * The acting user proved they may enter (the password, or an invite the server redeemed):
   * they are put on the roster. Needs no permission; refused only for a banned user or a
   * guest in a room without guests.
   */
  record Admit(String displayName, boolean guest) implements AdminIntent {}

  record ChangeRole(UserId target, Role role) implements AdminIntent {}

  record Kick(UserId target) implements AdminIntent {}

  record Ban(UserId target) implements AdminIntent {}

  record Unban(UserId target) implements AdminIntent {}

  /** The target becomes the owner; the old owner becomes a moderator. */
  record TransferOwnership(UserId target) implements AdminIntent {}

  /** New settings; {@code passwordProtected} is set by the server from whether a hash is stored. */
  record ChangeSettings(RoomSettings settings) implements AdminIntent {}
}
