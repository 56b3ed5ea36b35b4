package dev.cowatch.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Sliding-window counting with a fake clock, and the memory bound. */
class AttemptLimiterTest {
  private final FakeClock clock = FakeClock.atFixedStart();
  private final AttemptLimiter limiter = new AttemptLimiter(3, Duration.ofMinutes(15), 100, clock);

  @Test
  void underTheLimit_isNotBlocked() {
    limiter.record("k");
    limiter.record("k");
    assertThat(limiter.blockedFor("k")).isEmpty();
  }

  @Test
  void atTheLimit_isBlockedUntilTheOldestEventLeavesTheWindow() {
    limiter.record("k");
    clock.advance(Duration.ofMinutes(5));
    limiter.record("k");
    limiter.record("k");

    assertThat(limiter.blockedFor("k")).hasValue(Duration.ofMinutes(10));
    clock.advance(Duration.ofMinutes(10).minusMillis(1));
    assertThat(limiter.blockedFor("k")).hasValue(Duration.ofMillis(1));
    clock.advance(Duration.ofMillis(1));
    assertThat(limiter.blockedFor("k")).isEmpty();
  }

  @Test
  void theWindowSlides_eventsOlderThanItNoLongerCount() {
    limiter.record("k");
    limiter.record("k");
    clock.advance(Duration.ofMinutes(15));
    limiter.record("k");
    limiter.record("k");
    assertThat(limiter.blockedFor("k")).isEmpty();
    limiter.record("k");
    assertThat(limiter.blockedFor("k")).hasValue(Duration.ofMinutes(15));
  }

  @Test
  void keysAreCountedApart() {
    for (int i = 0; i < 3; i++) limiter.record("a");
    assertThat(limiter.blockedFor("a")).isPresent();
    assertThat(limiter.blockedFor("b")).isEmpty();
  }

  @Test
  void clear_startsAKeyAfresh() {
    for (int i = 0; i < 3; i++) limiter.record("k");
    limiter.clear("k");
    assertThat(limiter.blockedFor("k")).isEmpty();
  }

  @Test
  void memoryIsBounded_theLeastRecentlyTouchedKeysAreDropped() {
    for (int i = 0; i < 1_000; i++) limiter.record("key-" + i);
    assertThat(limiter.trackedKeys()).isEqualTo(100);
    for (int i = 0; i < 3; i++) limiter.record("key-999");
    assertThat(limiter.blockedFor("key-999")).isPresent();
  }

  @Test
  void keysWhoseEventsAllExpired_areForgotten() {
    limiter.record("k");
    clock.advance(Duration.ofMinutes(16));
    assertThat(limiter.blockedFor("k")).isEmpty();
    assertThat(limiter.trackedKeys()).isZero();
  }
}
