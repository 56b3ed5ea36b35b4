package dev.cowatch.server.account;

import dev.cowatch.server.platform.Ids;
import java.time.Duration;

/** Makes sessions inside a store transaction: a signed access token and the next refresh token of a family. */
final class SessionIssuer {
  private final AccessTokens accessTokens;
  private final Ids ids;
  private final Duration refreshTtl;

  SessionIssuer(AccessTokens accessTokens, Ids ids, Duration refreshTtl) {
    this.accessTokens = accessTokens;
    this.ids = ids;
    this.refreshTtl = refreshTtl;
  }

  /** A session in a new family: a new sign-in. */
  Session start(AccountStore.Repositories r, User user, long now) {
    return next(r, user, ids.tokenId(), now);
  }

  /** A session continuing {@code familyId}: a refresh. */
  Session next(AccountStore.Repositories r, User user, String familyId, long now) {
    String refresh = ids.secretToken();
    r.refreshTokens().insert(RefreshToken.fresh(TokenHash.of(refresh), familyId, user.id(), now,
        now + refreshTtl.toMillis()));
    AccessTokens.Signed access = accessTokens.issue(user, familyId, now);
    return new Session(access.token(), access.claims().expiresAt(), refresh, user);
  }
}
