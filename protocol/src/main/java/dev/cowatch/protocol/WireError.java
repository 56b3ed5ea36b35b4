package dev.cowatch.protocol;

import dev.cowatch.core.room.ErrorCode;

/** Every error code of protocol v1 (docs/protocol.md lists them with their meaning). */
public enum WireError {
  MALFORMED_JSON("malformed_json"),
  UNKNOWN_TYPE("unknown_type"),
  INVALID_FIELD("invalid_field"),
  HELLO_REQUIRED("hello_required"),
  ALREADY_JOINED("already_joined"),
  UNSUPPORTED_PROTOCOL("unsupported_protocol"),
  ROOM_NOT_FOUND("room_not_found"),
  RATE_LIMITED("rate_limited"),
  CONFLICT("conflict"),
  VERSION_FROM_FUTURE("version_from_future"),
  NOT_ALLOWED("not_allowed"),
  BANNED("banned"),
  PASSWORD_REQUIRED("password_required"),
  INVITE_REQUIRED("invite_required"),
  GUESTS_NOT_ALLOWED("guests_not_allowed"),
  UNKNOWN_USER("unknown_user"),
  /** The hello's access token is forged, expired or revoked. */
  UNAUTHORIZED("unauthorized"),
  NOT_A_MEMBER("not_a_member"),
  ROOM_FULL("room_full"),
  NO_MEDIA("no_media"),
  /** A {@code media:<id>} the sender may not put into the room (not its own, not shared with it), or none at all. */
  MEDIA_NOT_FOUND("media_not_found"),
  INVALID_ARGUMENT("invalid_argument"),
  /** Something the room needs (in a cluster, Redis) does not answer: try again in a moment. */
  UNAVAILABLE("unavailable"),
  INTERNAL("internal");

  private final String code;

  WireError(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static WireError of(ErrorCode room) {
    return switch (room) {
      case CONFLICT -> CONFLICT;
      case VERSION_FROM_FUTURE -> VERSION_FROM_FUTURE;
      case NOT_ALLOWED -> NOT_ALLOWED;
      case BANNED -> BANNED;
      case PASSWORD_REQUIRED -> PASSWORD_REQUIRED;
      case INVITE_REQUIRED -> INVITE_REQUIRED;
      case GUESTS_NOT_ALLOWED -> GUESTS_NOT_ALLOWED;
      case UNKNOWN_USER -> UNKNOWN_USER;
      case NOT_A_MEMBER -> NOT_A_MEMBER;
      case ROOM_FULL -> ROOM_FULL;
      case NO_MEDIA -> NO_MEDIA;
      case INVALID_ARGUMENT -> INVALID_ARGUMENT;
    };
  }
}
