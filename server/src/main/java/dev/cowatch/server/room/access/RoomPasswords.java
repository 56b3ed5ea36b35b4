package dev.cowatch.server.room.access;

import dev.cowatch.server.account.PasswordHasher;
import dev.cowatch.server.platform.Refusal;
import java.util.Map;

/**
 * Room passwords: a shared secret told to friends, not an account's password, but hashed the same
 * way (Argon2id) and never stored in the clear.
 */
public final class RoomPasswords {
  /**
   * For new and changed passwords only: a room that was given a shorter one before (the minimum was 4)
   * is still entered with it. Eight is what makes guessing hopeless at {@link PasswordGuesses}' rates.
   */
  public static final int MIN_LENGTH = 8;
  public static final int MAX_LENGTH = 128;

  private final PasswordHasher hasher;

  public RoomPasswords(PasswordHasher hasher) {
    this.hasher = hasher;
  }

  /**
   * Checks a password about to be set.
   *
   * @throws Refusal 400 {@code invalid-room-password}, with {@code minLength} and {@code maxLength}
   */
  public static void validate(String password) {
    int length = password.codePointCount(0, password.length());
    if (length < MIN_LENGTH || password.length() > MAX_LENGTH) {
      throw new Refusal(400, "invalid-room-password", "Invalid room password", "a room password is "
          + MIN_LENGTH + "-" + MAX_LENGTH + " characters", null, Map.of(),
          Map.of("minLength", MIN_LENGTH, "maxLength", MAX_LENGTH));
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
