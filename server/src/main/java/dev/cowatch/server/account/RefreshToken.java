package dev.cowatch.server.account;

import dev.cowatch.core.room.UserId;

/**
 * A stored refresh token. Each refresh uses one up and issues the next in the same family; a family is
 * one sign-in on one device, and ends as a whole (sign-out, or reuse of a used token: a sign of theft).
 *
 * @param tokenHash {@link TokenHash} of the token the client holds
 * @param usedAt when it was exchanged for the next one; null while it is the family's current token
 * @param revokedAt when its family ended; null while alive
 */
public record RefreshToken(String tokenHash, String familyId, UserId userId, long createdAt, long expiresAt,
    Long usedAt, Long revokedAt) {

  public static RefreshToken fresh(String tokenHash, String familyId, UserId userId, long now, long expiresAt) {
    return new RefreshToken(tokenHash, familyId, userId, now, expiresAt, null, null);
  }
}
