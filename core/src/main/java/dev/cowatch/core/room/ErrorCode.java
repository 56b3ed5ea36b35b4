package dev.cowatch.core.room;

/** Why the room refused an intent. Its wire code is protocol's business (WireError.of). */
public enum ErrorCode {
  /** The intent was based on an older timeline and would undo what happened since. */
  CONFLICT,
  /** The intent names a timeline version the room has not reached. */
  VERSION_FROM_FUTURE,
  /** The permission table does not let this member do it. */
  NOT_ALLOWED,
  BANNED,
  /** The room has a password; entering needs it first (POST /api/rooms/{id}/access). */
  PASSWORD_REQUIRED,
  /** The room is private; entering needs an invite. */
  INVITE_REQUIRED,
  GUESTS_NOT_ALLOWED,
  /** The user named as the target holds no role in the room. */
  UNKNOWN_USER,
  NOT_A_MEMBER,
  ROOM_FULL,
  NO_MEDIA,
  INVALID_ARGUMENT
}
