package dev.cowatch.core.room;

/** Why the room refused an intent. Its wire code is protocol's business (WireError.of). */
public enum ErrorCode {
  /** The intent was based on an older timeline and would undo what happened since. */
  CONFLICT,
  /** The intent names a timeline version the room has not reached. */
  VERSION_FROM_FUTURE,
  /** The control mode does not let this member control playback. */
  NOT_ALLOWED,
  NOT_A_MEMBER,
  ROOM_FULL,
  NO_MEDIA,
  INVALID_ARGUMENT
}
