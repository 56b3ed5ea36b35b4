package dev.cowatch.server.room;

import dev.cowatch.server.account.PasswordHasher;

/**
 * Room passwords: a shared secret told to friends, not an account's password, but hashed the same
 * way (Argon2id) and never stored in the clear.
 */
public final class RoomPasswords {
  public static final int MIN_LENGTH = 4;
  public static final int MAX_LENGTH = 128;

  private final PasswordHasher hasher;

  public RoomPasswords(PasswordHasher hasher) {
    this.hasher = hasher;
  }

  public static void validate(String password) {
    if (password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("a room password is " + MIN_LENGTH + "-" + MAX_LENGTH + " characters");
    }
  }

  public String hash(String password) {
    return hasher.hash(password);
  }

  public boolean matches(String password, String hash) {
    if (password == null || hash == null || password.length() > MAX_LENGTH) return false;
    return hasher.matches(password, hash);
  }
}
