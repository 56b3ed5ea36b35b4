package dev.cowatch.archfixture;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Deliberately impure classes, each breaking the core purity rule in one way, so that
 * {@code ArchitectureTest} can prove the rule notices. Outside {@code dev.cowatch.core} on purpose.
 */
public final class ImpureFixtures {
  private ImpureFixtures() {}

  public static final class ReadsCurrentTimeMillis {
    long now() {
      return System.currentTimeMillis();
    }
  }

  public static final class ReadsNanoTime {
    long now() {
      return System.nanoTime();
    }
  }

  public static final class ReadsInstantNow {
    Instant now() {
      return Instant.now();
    }
  }

  public static final class ReadsLocalDateTimeNow {
    LocalDateTime now() {
      return LocalDateTime.now();
    }
  }

  public static final class ReadsZonedDateTimeNowWithZone {
    ZonedDateTime now() {
      return ZonedDateTime.now(ZoneOffset.UTC);
    }
  }

  public static final class ReadsOffsetDateTimeNow {
    OffsetDateTime now() {
      return OffsetDateTime.now();
    }
  }

  public static final class UsesJavaTimeClock {
    long now() {
      return Clock.systemUTC().millis();
    }
  }

  public static final class Sleeps {
    void pause() {
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  public static final class StartsAnExecutor {
    ExecutorService executor() {
      return Executors.newSingleThreadExecutor();
    }
  }

  public static final class ReadsAFile {
    String read() throws IOException {
      return Files.readString(Path.of("room.json"));
    }
  }

  public static final class UsesHttp {
    HttpClient client() {
      return HttpClient.newHttpClient();
    }
  }

  public static final class UsesJdbcTypes {
    Timestamp at(long ms) {
      return new Timestamp(ms);
    }
  }

  /** The positive control: time as an argument, nothing else. */
  public static final class Pure {
    long positionAt(long anchorPositionMs, long anchorTimeMs, long nowMs) {
      return anchorPositionMs + Math.max(0, nowMs - anchorTimeMs);
    }
  }
}
