package dev.cowatch.server.account;

import java.util.Optional;

/** Port: turns an access token (a JWT from sign-in or a guest session) into an identity. */
public interface Authenticator {

  /** The identity the token vouches for; empty when it is forged, expired or revoked. */
  Optional<Identity> authenticate(String accessToken);

  /**
   * For what outlives the request (a room's connection): the identity with the session the token
   * belongs to, to be checked again with {@link #stillValid} when that session may have ended.
   */
  default Optional<Authenticated> authenticateSession(String accessToken) {
    return authenticate(accessToken).map(identity -> new Authenticated(identity, null, 0));
  }

  /** Whether the session behind {@code who} is still signed in (no session: nothing can end it). */
  default boolean stillValid(Authenticated who) {
    return true;
  }

  /** An identity and the session (refresh-token family and session version) its token was issued in. */
  record Authenticated(Identity identity, String sessionId, long sessionVersion) {}
}
