package dev.cowatch.bench;

import java.security.SecureRandom;
import java.util.Base64;

/** A new signing secret for the nodes of one deployment a benchmark starts ({@code COWATCH_JWT_SECRET}). */
public final class SharedSecret {
  private SharedSecret() {}

  public static String random() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
