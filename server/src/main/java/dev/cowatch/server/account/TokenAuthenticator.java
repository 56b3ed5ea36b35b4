package dev.cowatch.server.account;

import java.time.Clock;
import java.util.Optional;

/**
 * The {@link Authenticator} behind REST routes and the WebSocket: a valid signature, an unexpired token,
 * the user's current session version, and a session (refresh-token family) not signed out or revoked. The identity comes from the user as stored (through the
 * cache), so a rename or an upgrade shows without waiting for a new token.
 */
public final class TokenAuthenticator implements Authenticator {
  private final AccessTokens tokens;
  private final UserCache users;
  private final SessionLiveness sessions;
  private final Clock clock;

  TokenAuthenticator(AccessTokens tokens, UserCache users, SessionLiveness sessions, Clock clock) {
    this.tokens = tokens;
    this.users = users;
    this.sessions = sessions;
    this.clock = clock;
  }

  @Override
  public Optional<Identity> authenticate(String accessToken) {
    return authenticateSession(accessToken).map(Authenticated::identity);
  }

  @Override
  public Optional<Authenticated> authenticateSession(String accessToken) {
    return tokens.verify(accessToken, clock.millis())
        .filter(claims -> sessions.isLive(claims.sessionId()))
        .flatMap(claims -> users.get(claims.userId())
            .filter(user -> user.sessionVersion() == claims.sessionVersion())
            .map(user -> new Authenticated(user.identity(), claims.sessionId(), claims.sessionVersion())));
  }

  /**
   * Asked when a session of the user may have ended, on this node or another: read afresh, since the
   * caches may hold an answer from before (another node's sign-out is not in them).
   */
  @Override
  public boolean stillValid(Authenticated who) {
    if (who.sessionId() == null) return true;
    sessions.forget(who.sessionId());
    users.forget(who.identity().userId());
    return sessions.isLive(who.sessionId()) && users.get(who.identity().userId())
        .map(user -> user.sessionVersion() == who.sessionVersion()).orElse(false);
  }
}
