package dev.cowatch.server.account;

import java.util.Optional;

/** Port: turns an access token (a JWT from sign-in or a guest session) into an identity. */
public interface Authenticator {

  /** The identity the token vouches for; empty when it is forged, expired or revoked. */
  Optional<Identity> authenticate(String accessToken);
}
