package dev.cowatch.server.account;

import dev.cowatch.core.room.UserId;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Random;

/** Where user ids and secret tokens come from; injected so tests can make them predictable. */
public interface AccountIds {

  /** {@code u-} and 16 url-safe characters (96 bits): unguessable, fits {@link UserId}. */
  UserId userId();

  /** 256 random bits, url-safe: refresh tokens and mail-link tokens. Only their hash is stored. */
  String secretToken();

  /** A unique id for a JWT ({@code jti}) or a refresh-token family; 128 bits. */
  String tokenId();

  static AccountIds secure() {
    return from(new SecureRandom());
  }

  /** Reproducible ids for tests; never for a running server. */
  static AccountIds seeded(long seed) {
    return from(new Random(seed));
  }

  private static AccountIds from(Random random) {
    return new AccountIds() {
      @Override
      public UserId userId() {
        return new UserId("u-" + randomUrlSafe(random, 12));
      }

      @Override
      public String secretToken() {
        return randomUrlSafe(random, 32);
      }

      @Override
      public String tokenId() {
        return randomUrlSafe(random, 16);
      }
    };
  }

  private static String randomUrlSafe(Random random, int bytes) {
    byte[] b = new byte[bytes];
    synchronized (random) { // SecureRandom is thread-safe; a seeded Random in a test must not interleave
      random.nextBytes(b);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
