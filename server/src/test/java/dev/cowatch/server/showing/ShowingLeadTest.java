package dev.cowatch.server.showing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowatch.server.platform.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** How soon a showing may start is the operator's rule, and the refusal says it in words. */
class ShowingLeadTest {
  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

  private static LocalDateTime in(Duration d) {
    return LocalDateTime.ofInstant(NOW.plus(d), ZoneOffset.UTC);
  }

  @Test
  void byDefault_aStartLessThanAMinuteAway_isRefused_andAMinuteIsEnough() {
    assertThatThrownBy(() -> Showings.startMs(in(Duration.ofSeconds(59)), ZoneOffset.UTC, NOW, ShowingConfig.DEFAULT_MIN_LEAD))
        .isInstanceOf(Refusal.class).hasMessage("the start must be at least 1 minute from now");
    assertThat(Showings.startMs(in(Duration.ofMinutes(1)), ZoneOffset.UTC, NOW, ShowingConfig.DEFAULT_MIN_LEAD))
        .isEqualTo(NOW.plus(Duration.ofMinutes(1)).toEpochMilli());
  }

  @Test
  void aLowerLead_letsASoonerStartThrough_andARaisedOneRefusesIt() {
    Duration lead = Duration.ofSeconds(25);
    assertThat(Showings.startMs(in(Duration.ofSeconds(30)), ZoneOffset.UTC, NOW, lead))
        .isEqualTo(NOW.plusSeconds(30).toEpochMilli());
    assertThatThrownBy(() -> Showings.startMs(in(Duration.ofSeconds(20)), ZoneOffset.UTC, NOW, lead))
        .isInstanceOf(Refusal.class).hasMessage("the start must be at least 25 seconds from now");
    assertThatThrownBy(() -> Showings.startMs(in(Duration.ofMinutes(9)), ZoneOffset.UTC, NOW, Duration.ofMinutes(10)))
        .isInstanceOf(Refusal.class).hasMessage("the start must be at least 10 minutes from now");
  }

  @Test
  void aLeadOutOfRange_isRefusedAtConfiguration() {
    assertThatThrownBy(() -> ShowingConfig.defaults().withMinLead(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 to 1 day");
    assertThatThrownBy(() -> ShowingConfig.defaults().withMinLead(Duration.ofDays(2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 to 1 day");
    assertThat(ShowingConfig.defaults().withMinLead(Duration.ZERO).minLead()).isZero();
  }
}
