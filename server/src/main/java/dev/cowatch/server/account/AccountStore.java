package dev.cowatch.server.account;

import java.util.function.Function;

/**
 * Port: durable users and tokens. All work happens in a transaction: it commits when {@code work}
 * returns and rolls back when it throws, so a refused request leaves nothing behind.
 */
public interface AccountStore {

  <T> T transaction(Function<Repositories, T> work);

  /** Site administrators and site-wide bans; each call is a transaction of its own. */
  SiteStanding standing();

  /** The repositories of one transaction; valid only inside it. */
  interface Repositories {
    UserRepository users();

    RefreshTokenRepository refreshTokens();

    MailTokenRepository mailTokens();
  }
}
