package dev.cowatch.server.account;

import dev.cowatch.core.room.UserId;

/**
 * A stored identity: an account (email and password) or a guest (neither).
 *
 * @param email as the person typed it; null for guests. Uniqueness is on {@link EmailRules#key}
 * @param passwordHash an Argon2id PHC string; null for guests
 * @param sessionVersion bumped to end every session at once: access tokens carry the version they
 *     were issued under and stop working when it moves on
 */
public record User(UserId id, Identity.Kind kind, String email, String displayName, String passwordHash,
    boolean emailVerified, long sessionVersion, long createdAt) {

  public User {
    if (id == null || kind == null || displayName == null) throw new IllegalArgumentException("id, kind and name required");
    if (kind == Identity.Kind.ACCOUNT && (email == null || passwordHash == null)) {
      throw new IllegalArgumentException("an account has an email and a password");
    }
  }

  public static User guest(UserId id, String displayName, long now) {
    return new User(id, Identity.Kind.GUEST, null, displayName, null, false, 0, now);
  }

  public static User account(UserId id, String email, String displayName, String passwordHash, long now) {
    return new User(id, Identity.Kind.ACCOUNT, email, displayName, passwordHash, false, 0, now);
  }

  public Identity identity() {
    return new Identity(id, kind, displayName);
  }

  public boolean isGuest() {
    return kind == Identity.Kind.GUEST;
  }

  /** The same user, now an account with this email and password (not yet verified). */
  public User upgradedTo(String newEmail, String newDisplayName, String newPasswordHash) {
    return new User(id, Identity.Kind.ACCOUNT, newEmail, newDisplayName, newPasswordHash, false, sessionVersion,
        createdAt);
  }

  public User withDisplayName(String name) {
    return new User(id, kind, email, name, passwordHash, emailVerified, sessionVersion, createdAt);
  }

  public User withPasswordHash(String hash) {
    return new User(id, kind, email, displayName, hash, emailVerified, sessionVersion, createdAt);
  }

  public User verified() {
    return new User(id, kind, email, displayName, passwordHash, true, sessionVersion, createdAt);
  }

  /** Keeps the hash out of logs. */
  @Override
  public String toString() {
    return "User[" + id.value() + ", " + kind + ", " + displayName + (email == null ? "" : ", " + email)
        + ", verified=" + emailVerified + ", sv=" + sessionVersion + "]";
  }
}
