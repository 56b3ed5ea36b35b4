package dev.cowatch.server.room.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.server.platform.Limits;
import org.junit.jupiter.api.Test;

/**
 * The flood limit (50 messages a second, 200 back to back) on a fake clock, and what it allows after the server held
 * a connection's messages unread: a join that waited a minute for its room on a starved cluster left a client's
 * pings (four a second) to be read at once, past the burst, and the client was closed for a flood it never sent.
 * Reactions take from the chat bucket: a burst of emoji is as loud as a burst of lines.
 */
class MessageLimitsTest {
  private static final long SECOND = 1_000_000_000L;
  private long now = 5 * SECOND;
  private final MessageLimits limits = new MessageLimits(Limits.DEFAULTS, () -> now);

  /** How many of {@code count} messages read back to back pass before the first that floods. */
  private int passing(int count) {
    for (int i = 0; i < count; i++) {
      if (limits.flooding()) return i;
    }
    return count;
  }

  /** A message whose handling takes {@code nanos} (the clock moves while the server decides it). */
  private void handledFor(long nanos) {
    assertThat(limits.flooding()).isFalse();
    long started = limits.handling();
    now += nanos;
    limits.handled(started);
  }

  @Test
  void moreThanTheBurstBackToBack_floods() {
    assertThat(passing(250)).isEqualTo(200);
  }

  @Test
  void aMinuteTheServerHeldTheConnectionUnread_letsWhatWasSentAtFourASecondThrough() {
    handledFor(60 * SECOND);

    assertThat(passing(240)).as("a minute of pings at four a second, read at once").isEqualTo(240);
  }

  @Test
  void theCreditIsWhatTheLimitAllowsOverThatTime_notMore() {
    handledFor(60 * SECOND);

    int passed = passing(5_000);
    // 199 left of the burst, 60 s at 50 a second on top: a sender flooding all along is still stopped.
    assertThat(passed).isBetween(3_150, 3_250);
  }

  @Test
  void creditsDoNotPileUp_theLatestCountsOnTopOfTheBurst() {
    for (int i = 0; i < 5; i++) handledFor(10 * SECOND);

    assertThat(passing(5_000)).as("the burst and one 10 s credit, not five").isBetween(650, 710);
  }

  @Test
  void aShortHandling_isNoCredit() {
    handledFor(SECOND / 2);

    assertThat(passing(250)).as("half a second refills the bucket to its burst, no further").isEqualTo(200);
  }

  @Test
  void reactions_shareTheChatBucket_soABurstOfEmojiIsLimitedLikeABurstOfLines() {
    for (int i = 0; i < MessageLimits.CHAT_BURST; i++) assertThat(limits.exceeded(MessageLimits.Kind.REACTION)).isNull();

    assertThat(limits.exceeded(MessageLimits.Kind.REACTION)).contains("chat messages or reactions per second");
    assertThat(limits.exceeded(MessageLimits.Kind.CHAT)).as("the burst spent on reactions").isNotNull();
    now += SECOND;
    assertThat(limits.exceeded(MessageLimits.Kind.CHAT)).as("one a second after").isNull();
    assertThat(limits.exceeded(MessageLimits.Kind.REACTION)).isNotNull();
  }

  @Test
  void aCreditSpent_leavesTheUsualRateAfter() {
    handledFor(10 * SECOND);
    passing(5_000);

    now += SECOND;
    assertThat(passing(100)).as("one second later: 50").isEqualTo(50);
  }
}
