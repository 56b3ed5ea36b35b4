package dev.cowatch.server.account;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.util.Base64;

/**
 * Argon2id password hashes in PHC string form ({@code $argon2id$v=19$m=...,t=...,p=...$salt$hash}).
 * A hash is checked with the parameters written in it, so raising the cost later keeps old hashes valid.
 */
public final class PasswordHasher {
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;

  private final Argon2Function function;
  /** Checked against when the email is unknown, so a miss costs as long as a wrong password. */
  private final String decoy;

  public PasswordHasher(Argon2Params params) {
    this.function = Argon2Function.getInstance(params.memoryKiB(), params.iterations(), params.parallelism(),
        HASH_BYTES, Argon2.ID, Argon2Function.ARGON2_VERSION_13);
    this.decoy = decoy(params);
  }

  /**
   * A well-formed hash with the configured cost whose digest is all zeros, which no password hashes to:
   * checking it costs what checking a real hash does. Written, not computed: hashing a decoy at start took
   * a quarter of a second of every start-up (twice, once per hasher), in a JVM that has not compiled Argon2 yet.
   */
  static String decoy(Argon2Params params) {
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return "$argon2id$v=19$m=" + params.memoryKiB() + ",t=" + params.iterations() + ",p=" + params.parallelism() + "$"
        + b64.encodeToString(new byte[SALT_BYTES]) + "$" + b64.encodeToString(new byte[HASH_BYTES]);
  }

  public String hash(String password) {
    return Password.hash(password).addRandomSalt(SALT_BYTES).with(function).getResult();
  }

  /** False for a wrong password and for a hash that is not an Argon2 PHC string. */
  public boolean matches(String password, String hash) {
    if (password == null || hash == null || !hash.startsWith("$argon2")) return false;
    try {
      return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    } catch (RuntimeException malformed) {
      return false;
    }
  }

  /** Spends the time of one check and answers false: for sign-ins to unknown addresses. */
  public boolean matchesNothing(String password) {
    matches(password == null ? "" : password, decoy);
    return false;
  }
}
