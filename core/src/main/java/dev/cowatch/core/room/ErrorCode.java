package dev.cowatch.core.room;

/** Why the room refused an intent. Stable: clients switch on the wire name. */
public enum ErrorCode {
  /** The intent was based on an older timeline and would undo what happened since. */
  CONFLICT("conflict"),
  /** The intent names a timeline version the room has not reached. */
  VERSION_FROM_FUTURE("version_from_future"),
  /** The control mode does not let this member control playback. */
  NOT_ALLOWED("not_allowed"),
  NOT_A_MEMBER("not_a_member"),
  ROOM_FULL("room_full"),
  NO_MEDIA("no_media"),
  INVALID_ARGUMENT("invalid_argument");

  private final String wireName;

  ErrorCode(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
