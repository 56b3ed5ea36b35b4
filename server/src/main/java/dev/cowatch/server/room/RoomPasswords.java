package dev.cowatch.server.room;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Room passwords, hashed with Argon2id. A room password is a shared secret told to friends, not
 * an account's, but it is still never stored in the clear.
 */
public final class RoomPasswords {
  public static final int MIN_LENGTH = 4;
  public static final int MAX_LENGTH = 128;

  private final Argon2Function argon2;

  /** @param memoryKib Argon2 memory; 19 MiB with 2 passes is OWASP's minimum for Argon2id */
  public RoomPasswords(int memoryKib, int iterations) {
    this.argon2 = Argon2Function.getInstance(memoryKib, iterations, 1, 32, Argon2.ID);
  }

  public static RoomPasswords defaults() {
    return new RoomPasswords(19_456, 2);
  }

  /** Cheap parameters for tests, where dozens of rooms get passwords. */
  public static RoomPasswords fast() {
    return new RoomPasswords(1_024, 1);
  }

  public static void validate(String password) {
    if (password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("a room password is " + MIN_LENGTH + "-" + MAX_LENGTH + " characters");
    }
  }

  public String hash(String password) {
    return Password.hash(password).addRandomSalt(16).with(argon2).getResult();
  }

  public boolean matches(String password, String hash) {
    if (password == null || hash == null || password.length() > MAX_LENGTH) return false;
    return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
  }
}
