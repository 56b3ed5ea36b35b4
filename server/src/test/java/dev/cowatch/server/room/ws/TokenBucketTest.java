package dev.cowatch.server.room.ws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Token buckets on a fake clock (ns): a burst, then the refill rate; each bucket on its own. */
class TokenBucketTest {
  private static final long SECOND = 1_000_000_000L;
  private final TokenBucket buckets = new TokenBucket(new TokenBucket.Rates(new double[] {3, 1}, new double[] {2, 10}), 0);

  @Test
  void aFullBucket_givesItsBurst_thenRefusesUntilItRefills() {
    assertThat(buckets.tryTake(0, 0)).isTrue();
    assertThat(buckets.tryTake(0, 0)).isTrue();
    assertThat(buckets.tryTake(0, 0)).isTrue();
    assertThat(buckets.tryTake(0, 0)).isFalse();
    // 2 a second: one token after half a second, not before.
    assertThat(buckets.tryTake(0, SECOND / 2 - 1)).isFalse();
    assertThat(buckets.tryTake(0, SECOND / 2)).isTrue();
  }

  @Test
  void aBucketRefillsNoFurtherThanItsCapacity() {
    for (int i = 0; i < 3; i++) buckets.tryTake(0, 0);
    long later = 100 * SECOND;
    int taken = 0;
    while (buckets.tryTake(0, later)) taken++;
    assertThat(taken).isEqualTo(3);
  }

  @Test
  void emptyingOneBucket_leavesTheOtherFull() {
    for (int i = 0; i < 3; i++) buckets.tryTake(0, 0);
    assertThat(buckets.tryTake(0, 0)).isFalse();
    assertThat(buckets.tryTake(1, 0)).isTrue();
    assertThat(buckets.tryTake(1, 0)).isFalse();
    assertThat(buckets.tryTake(1, SECOND / 10)).isTrue();
  }
}
