package dev.cowatch.server.ws;

import dev.cowatch.core.room.UserId;
import dev.cowatch.server.account.Authenticator;
import dev.cowatch.server.account.Identity;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Who a hello speaks for: the account or guest its access token names, or, with no token, an
 * anonymous guest made up on the spot (rooms that do not admit guests refuse it).
 */
public final class Identities {
  private final Authenticator authenticator;
  private final SecureRandom random = new SecureRandom();

  public Identities(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  /** Empty when a token was given but is not valid. */
  Optional<Identity> of(String token, String name) {
    if (token != null) return authenticator.authenticate(token);
    byte[] bytes = new byte[12];
    random.nextBytes(bytes);
    UserId anonymous = new UserId("a-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    return Optional.of(new Identity(anonymous, Identity.Kind.ANONYMOUS, name));
  }
}
