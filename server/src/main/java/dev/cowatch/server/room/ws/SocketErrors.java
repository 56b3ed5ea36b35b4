package dev.cowatch.server.room.ws;

import dev.cowatch.protocol.CloseCodes;
import dev.cowatch.protocol.WireError;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.platform.jdbc.DatabaseFaults;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A {@link Refusal} as the room socket says it: the wire error whose code is the problem type with
 * underscores ({@code not-allowed} is {@code not_allowed}), and for a refused hello the close code
 * that ends the connection when nothing more can happen on it.
 */
final class SocketErrors {
  private static final Map<String, WireError> BY_TYPE = Arrays.stream(WireError.values())
      .collect(Collectors.toUnmodifiableMap(e -> e.code().replace('_', '-'), Function.identity()));

  private SocketErrors() {}

  /** The refusal's wire error; a type the protocol has no code for is an internal error (a bug here). */
  static WireError wireError(Refusal refusal) {
    return BY_TYPE.getOrDefault(refusal.type(), WireError.INTERNAL);
  }

  /**
   * {@code e} as a refusal when it is one, or when the database could not be reached in time (no
   * pooled connection within its wait, seen in a join storm on a saturated machine): an outage, which
   * the sender may retry, not a bug that ends the connection with 1011. Anything else is rethrown.
   */
  static Refusal refusalOrRethrow(RuntimeException e) {
    if (e instanceof Refusal refusal) return refusal;
    if (!DatabaseFaults.isUnavailable(e)) throw e;
    return new Refusal(Refusal.Kind.CAPACITY, "unavailable", "the database is busy; try again in a moment");
  }

  /** A refusal that says "not now" (Redis, a lease, the database busy): asking again later may be taken. */
  static boolean isTransient(Refusal refusal) {
    return wireError(refusal) == WireError.UNAVAILABLE;
  }

  /** A close frame's code and reason. */
  record Close(int code, String reason) {}

  /**
   * How a refused hello ends the connection: when the room is gone, full or closed to this user,
   * nothing more can happen on it. Empty: the connection stays open (the client may say hello again).
   */
  static Optional<Close> helloClose(WireError error) {
    return switch (error) {
      case ROOM_NOT_FOUND -> Optional.of(new Close(CloseCodes.ROOM_NOT_FOUND, "room not found"));
      case ROOM_FULL -> Optional.of(new Close(CloseCodes.ROOM_FULL, "room full"));
      // Nothing this connection can do will help for a moment; a new one will, soon.
      case UNAVAILABLE -> Optional.of(new Close(CloseCodes.TRY_AGAIN_LATER, "try again later"));
      case BANNED, PASSWORD_REQUIRED, INVITE_REQUIRED, GUESTS_NOT_ALLOWED ->
          Optional.of(new Close(CloseCodes.FORBIDDEN, error.code()));
      default -> Optional.empty();
    };
  }
}
