package dev.cowatch.server.showing.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cowatch.core.FuzzRuns;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.showing.ShowingConfig;
import dev.cowatch.server.showing.Showings;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Any {@code startsAt} and {@code timeZone} a showing may be planned with: read and checked the way
 * the API does (ShowingRoutes, then Showings.startMs), refused with a 422 naming the problem, never
 * another exception (a year like +999999999 once overflowed into a 500). An accepted start lies a
 * minute to a year ahead, and is the wall-clock time that was asked for in that zone.
 */
class ShowingTimesFuzzTest {
  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

  @FuzzTest(maxDuration = "15s")
  void anyStartAndZone_isAnInstantInTheWindow_orRefused(FuzzedDataProvider data) {
    FuzzRuns.count(getClass());
    String zoneText = data.consumeString(64);
    String startText = data.consumeBoolean() ? plausibleStart(data) : data.consumeRemainingAsString();
    LocalDateTime local;
    ZoneId zone;
    try {
      local = ShowingRoutes.localTime(startText);
      zone = ShowingRoutes.zone(zoneText);
    } catch (Refusal refused) {
      assertThat(refused.getMessage()).isNotBlank();
      return;
    }
    long start;
    try {
      start = Showings.startMs(local, zone, NOW, ShowingConfig.DEFAULT_MIN_LEAD);
    } catch (Refusal refused) {
      assertThat(refused.getMessage()).isNotBlank();
      return;
    }
    assertThat(Instant.ofEpochMilli(start)).isBetween(NOW.plus(Duration.ofMinutes(1)), NOW.plus(Duration.ofDays(366)));
    assertThat(ZonedDateTime.ofInstant(Instant.ofEpochMilli(start), zone).toLocalDateTime())
        .as("the start is the asked wall-clock time in that zone").isEqualTo(local.withNano(local.getNano() / 1_000_000 * 1_000_000));
  }

  /** Dates near now, so the fuzzer reaches accepted starts and the clocks' gaps and overlaps. */
  private static String plausibleStart(FuzzedDataProvider data) {
    LocalDateTime t = LocalDateTime.of(2026, 11, 22, 0, 0).plusMinutes(data.consumeLong(-100_000, 700_000));
    return t.toString();
  }
}
