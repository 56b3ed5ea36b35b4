package dev.cowatch.server.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Refresh and mail-link tokens are stored as their SHA-256, so a copy of the database hands out no
 * working token. A plain hash is enough (no salt, no Argon2): the tokens are 256 random bits, not
 * something a person chose.
 */
public final class TokenHash {
  private TokenHash() {}

  /** 64 lower-case hex characters. */
  public static String of(String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
