package dev.cowatch.server.media.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.FakeClock;
import dev.cowatch.server.media.MediaDelivery;
import org.junit.jupiter.api.Test;

/** How long nginx may keep Cowatch's grant of a signed URL: a minute at most, never past the URL's expiry. */
class MediaOffloadTest {
  private static final long NOW = FakeClock.FIXED_START_MS + 400; // 400 ms into a second
  private final MediaOffload offload = new MediaOffload(new MediaDelivery("/internal-media/", false), new FakeClock(NOW));

  @Test
  void aUrlValidForHours_isKeptAMinute() {
    long hoursLater = NOW + 6 * 3_600_000L;
    assertThat(offload.grantKeptUntil(hoursLater)).isEqualTo("@" + (NOW + 60_000) / 1000);
  }

  @Test
  void aUrlExpiringSooner_isKeptUntilTheWholeSecondBeforeItsExpiry() {
    long expires = NOW + 10_900;
    assertThat(offload.grantKeptUntil(expires)).isEqualTo("@" + Math.floorDiv(expires, 1000));
    assertThat(Math.floorDiv(expires, 1000) * 1000).isLessThanOrEqualTo(expires);
  }

  @Test
  void aUrlExpiringWithinThisSecond_isNotKept() {
    assertThat(offload.grantKeptUntil(NOW + 500)).isEqualTo("0");
    assertThat(offload.grantKeptUntil(NOW - 1)).isEqualTo("0");
  }

  @Test
  void aUrlExpiringInTheNextSecond_isKeptUntilItBegins() {
    long expires = NOW + 900; // the next second has begun 600 ms from now
    assertThat(offload.grantKeptUntil(expires)).isEqualTo("@" + (FakeClock.FIXED_START_MS / 1000 + 1));
  }
}
