package dev.cowatch.server.platform.secret;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 and a constant-time comparison, for signed links and derived keys. */
public final class Hmac {
  private static final String ALGORITHM = "HmacSHA256";

  private Hmac() {}

  public static byte[] sha256(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /**
   * HMAC-SHA256 under one key, for a key that signs many messages (every Range request of a stream checks
   * its URL): {@code Mac.getInstance} and {@code init} search the providers and expand the key each time,
   * which JFR showed on the streaming path; a copy of one initialized {@code Mac} does neither.
   * Thread-safe: each message gets its own copy.
   */
  public static Keyed keyed(byte[] key) {
    return new Keyed(key);
  }

  public static final class Keyed {
    private final byte[] key;
    private final Mac prototype;

    private Keyed(byte[] key) {
      this.key = key.clone();
      Mac mac;
      try {
        mac = Mac.getInstance(ALGORITHM);
        mac.init(new SecretKeySpec(this.key, ALGORITHM));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
      }
      this.prototype = mac;
    }

    public byte[] sign(byte[] message) {
      Mac mac;
      try {
        // The prototype is never updated after init, only copied: copies share no state.
        mac = (Mac) prototype.clone();
      } catch (CloneNotSupportedException e) {
        return sha256(key, message);
      }
      return mac.doFinal(message);
    }
  }

  /** Compares in time independent of where the inputs differ, so a forged MAC cannot be guessed byte by byte. */
  public static boolean equal(byte[] expected, byte[] actual) {
    return MessageDigest.isEqual(expected, actual);
  }
}
