package dev.cowatch.server.account.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.server.account.Attempts;
import dev.cowatch.server.platform.redis.Redis;
import dev.cowatch.core.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sign-in and mail counters in the machine's Redis, shared by two nodes (two connections). */
class RedisAttemptsTest {
  private static final Duration WINDOW = Duration.ofMinutes(15);
  private final String prefix = "cowatch-test:" + ProcessHandle.current().pid() + ":attempts:" + System.nanoTime() + ":";
  private final Redis redisA = Redis.connect("redis://127.0.0.1:6379", prefix);
  private final Redis redisB = Redis.connect("redis://127.0.0.1:6379", prefix);
  private final FakeClock clock = FakeClock.atFixedStart();
  private final Attempts onA = RedisAttempts.factory(redisA, clock, "node-a").create("sign-in-account", 3, WINDOW);
  private final Attempts onB = RedisAttempts.factory(redisB, clock, "node-b").create("sign-in-account", 3, WINDOW);

  @AfterEach
  void close() {
    String[] keys = redisA.sync().keys(prefix + "*").toArray(String[]::new);
    if (keys.length > 0) redisA.sync().del(keys);
    redisA.close();
    redisB.close();
  }

  @Test
  void attemptsOnEveryNode_countTowardOneLimit() {
    onA.record("ann@example.org");
    clock.advance(Duration.ofMinutes(1));
    onB.record("ann@example.org");
    assertThat(onA.blockedFor("ann@example.org")).isEmpty();

    clock.advance(Duration.ofMinutes(1));
    onA.record("ann@example.org");

    assertThat(onB.blockedFor("ann@example.org")).as("until the first leaves the window")
        .contains(Duration.ofMinutes(13));
    assertThat(onA.blockedFor("bob@example.org")).isEmpty();
  }

  @Test
  void theWindowSlides_andASuccessClearsTheCount() {
    for (int i = 0; i < 3; i++) onA.record("ann@example.org");
    assertThat(onB.blockedFor("ann@example.org")).contains(WINDOW);

    clock.advance(WINDOW);
    assertThat(onB.blockedFor("ann@example.org")).isEmpty();

    for (int i = 0; i < 3; i++) onB.record("ann@example.org");
    onA.clear("ann@example.org");
    assertThat(onB.blockedFor("ann@example.org")).isEmpty();
  }

  @Test
  void eachCounterIsAKeySpaceOfItsOwn() {
    Attempts mails = RedisAttempts.factory(redisA, clock, "node-a").create("mail-recipient", 1, WINDOW);
    for (int i = 0; i < 3; i++) onA.record("ann@example.org");

    assertThat(mails.blockedFor("ann@example.org")).isEmpty();
  }
}
