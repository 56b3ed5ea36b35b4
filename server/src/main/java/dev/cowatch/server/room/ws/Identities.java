package dev.cowatch.server.room.ws;

import dev.cowatch.server.account.Authenticator.Authenticated;
import dev.cowatch.server.account.Authenticator;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.platform.Ids;
import java.util.Optional;

/**
 * Who a hello speaks for: the account or guest its access token names, or, with no token, an
 * anonymous guest made up on the spot (rooms that do not admit guests refuse it).
 */
public final class Identities {
  private final Authenticator authenticator;
  private final Ids ids;

  public Identities(Authenticator authenticator, Ids ids) {
    this.authenticator = authenticator;
    this.ids = ids;
  }

  /** Empty when a token was given but is not valid. */
  Optional<Authenticated> of(String token, String name) {
    if (token != null) return authenticator.authenticateSession(token);
    return Optional.of(new Authenticated(new Identity(ids.anonymousUserId(), Identity.Kind.ANONYMOUS, name), null, 0));
  }

  /** Whether the session a connection joined with is still signed in. */
  boolean stillValid(Authenticated who) {
    return authenticator.stillValid(who);
  }
}
