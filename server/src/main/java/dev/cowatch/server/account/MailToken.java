package dev.cowatch.server.account;

import dev.cowatch.core.room.UserId;

/**
 * A single-use token sent by mail in a link.
 *
 * @param email the address the link was sent to: verifying proves this address, not whatever the
 *     account holds by the time the link is followed
 */
public record MailToken(String tokenHash, Purpose purpose, UserId userId, String email, long createdAt,
    long expiresAt, Long usedAt) {

  public enum Purpose {
    VERIFY_EMAIL,
    RESET_PASSWORD
  }

  public boolean usableAt(long now) {
    return usedAt == null && now < expiresAt;
  }
}
