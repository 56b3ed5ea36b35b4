package dev.cowatch.server.account;

import dev.cowatch.core.room.UserId;

/**
 * Who a request or connection speaks for, as the identity service vouches. It says nothing about
 * what that person may do in a room: rooms decide that.
 */
public record Identity(UserId userId, Kind kind, String displayName) {
  public enum Kind {
    /** A registered account (email and password). */
    ACCOUNT,
    /** A nickname with no email; may later become an account under the same id. */
    GUEST,
    /** A WebSocket hello without a token: a guest that exists only for that session. */
    ANONYMOUS
  }

  /** Guests and anonymous visitors: rooms that do not admit guests refuse both. */
  public boolean isGuest() {
    return kind != Kind.ACCOUNT;
  }
}
