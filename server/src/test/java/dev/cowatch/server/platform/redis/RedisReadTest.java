package dev.cowatch.server.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowatch.server.platform.Refusal;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A read from Redis whose answer came too late is asked once more; a Redis that is away is refused at once. */
class RedisReadTest {
  private final AtomicInteger asked = new AtomicInteger();

  @Test
  void aReadThatTimedOut_isAskedOnceMore() {
    String answer = Redis.idempotent(() -> {
      if (asked.incrementAndGet() == 1) throw new RedisCommandTimeoutException("HGET. Command timed out after 2 second(s)");
      return "room";
    });

    assertThat(answer).isEqualTo("room");
    assertThat(asked).hasValue(2);
  }

  @Test
  void aReadThatTimesOutTwice_isRefused() {
    assertThatThrownBy(() -> Redis.idempotent(() -> {
      asked.incrementAndGet();
      throw new RedisCommandTimeoutException("HGET. Command timed out after 2 second(s)");
    })).isInstanceOf(Refusal.class).hasMessageContaining("does not answer");
    assertThat(asked).hasValue(2);
  }

  @Test
  void aRedisThatIsAway_isRefusedWithoutAskingAgain() {
    assertThatThrownBy(() -> Redis.idempotent(() -> {
      asked.incrementAndGet();
      throw new RedisConnectionException("Connection refused");
    })).isInstanceOf(Refusal.class);
    assertThat(asked).hasValue(1);
  }
}
