package dev.cowatch.server.account;

import dev.cowatch.core.room.UserId;
import java.util.Optional;

/** Refresh tokens by hash, grouped in families. */
public interface RefreshTokenRepository {

  void insert(RefreshToken token);

  Optional<RefreshToken> find(String tokenHash);

  /**
   * Marks the token used if nobody has: true for exactly one of two concurrent refreshes with the
   * same token, so the loser is treated as a reuse.
   */
  boolean markUsed(String tokenHash, long now);

  /** Ends the family: every token of it not yet revoked, used or not; returns how many. */
  int revokeFamily(String familyId, long now);

  /**
   * Whether the session (family) is still alive: it has a token not revoked. Sign-out and reuse revoke
   * every token of the family, so an ended session has none; a family purged long after expiry has none either.
   */
  boolean isSessionLive(String familyId);

  /** Ends every family of the user. */
  int revokeAll(UserId userId, long now);

  /** Deletes tokens that expired before {@code cutoff}; keeps the table from growing forever. */
  int deleteExpired(long cutoff);
}
