package dev.cowatch.server.room.access;

/**
 * A link that lets people into a room (a private one included) a limited number of times until
 * it expires or is revoked.
 *
 * @param revokedAt epoch ms of revocation, or 0 while valid
 */
public record Invite(String id, String roomId, String createdBy, long createdAt, long expiresAt, int maxUses,
    int uses, long revokedAt) {

  public boolean usableAt(long nowMs) {
    return revokedAt == 0 && nowMs < expiresAt && uses < maxUses;
  }
}
