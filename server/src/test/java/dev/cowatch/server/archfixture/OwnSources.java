package dev.cowatch.server.archfixture;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Classes that draw time or randomness of their own: each must be caught by InjectedSourcesTest's rules. */
public final class OwnSources {
  private OwnSources() {}

  public static final class MakesSecureRandom {
    byte[] token() {
      byte[] b = new byte[8];
      new SecureRandom().nextBytes(b);
      return b;
    }
  }

  public static final class MakesRandom {
    int roll() {
      return new Random().nextInt(6);
    }
  }

  public static final class UsesRandomUuid {
    String id() {
      return UUID.randomUUID().toString();
    }
  }

  public static final class UsesThreadLocalRandom {
    int roll() {
      return ThreadLocalRandom.current().nextInt(6);
    }
  }

  public static final class ReadsInstantNow {
    Instant when() {
      return Instant.now();
    }
  }

  public static final class ReadsCurrentTimeMillis {
    long when() {
      return System.currentTimeMillis();
    }
  }

  public static final class TakesTheSystemClock {
    Clock clock() {
      return Clock.systemUTC();
    }
  }

  /** Uses what it is given: passes both rules. */
  public static final class UsesWhatItIsGiven {
    long when(Clock clock) {
      return clock.millis();
    }
  }
}
