package dev.cowatch.core.room;

/**
 * What a user asks of a room's roster and settings (through the REST API, not a session). The
 * acting user's role decides, through {@link Permissions}.
 */
public sealed interface AdminIntent {

  /**
   * The acting user proved they may enter ({@code by}: an invite the server redeemed, or the room's
   * password): they are put on the roster. Needs no permission; refused for a banned user, a guest in a
   * room without guests, and a password at a private room (only an invite opens one).
   */
  record Admit(String displayName, boolean guest, Admission.Vouch by) implements AdminIntent {
    public Admit {
      java.util.Objects.requireNonNull(by, "by");
    }

    /** Let in by an invite (a link, or a showing's own list of invitees). */
    public Admit(String displayName, boolean guest) {
      this(displayName, guest, Admission.Vouch.INVITE);
    }
  }

  record ChangeRole(UserId target, Role role) implements AdminIntent {}

  record Kick(UserId target) implements AdminIntent {}

  record Ban(UserId target) implements AdminIntent {}

  record Unban(UserId target) implements AdminIntent {}

  /** The target becomes the owner; the old owner becomes a moderator. */
  record TransferOwnership(UserId target) implements AdminIntent {}

  /** New settings; {@code passwordProtected} is set by the server from whether a hash is stored. */
  record ChangeSettings(RoomSettings settings) implements AdminIntent {}
}
