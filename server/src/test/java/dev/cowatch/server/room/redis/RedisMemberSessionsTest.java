package dev.cowatch.server.room.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.platform.redis.Redis;
import dev.cowatch.server.room.RoomBus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Member sessions in the machine's Redis: a new member's token and connection recorded in one step. */
class RedisMemberSessionsTest {
  private final String prefix = TestRedis.freshPrefix();
  private final Redis redis = TestRedis.node(prefix);
  private final RedisMemberSessions sessions = new RedisMemberSessions(redis, "node-a");
  private final RoomId room = new RoomId("room1");
  private final MemberId ann = new MemberId("m-ann");

  @AfterEach
  void close() {
    sessions.close();
    redis.close();
    TestRedis.clean(prefix);
  }

  @Test
  void issueAndAttach_recordsTheTokenAndTheConnection_asTheTwoStepsDo() {
    RoomBus.Listener first = b -> { };
    RoomBus.Listener second = b -> { };

    assertThat(sessions.issueAndAttach(room, ann, "token-1", first)).isEqualTo("token-1");

    assertThat(sessions.tokenHolder(room, "token-1")).contains(ann);
    assertThat(sessions.detach(room, ann, second)).as("another connection does not speak for her").isFalse();
    assertThat(sessions.detach(room, ann, first)).isTrue();
    assertThat(sessions.detach(room, ann, first)).as("once").isFalse();

    sessions.attach(room, ann, second);
    sessions.forget(room, ann);
    assertThat(sessions.tokenHolder(room, "token-1")).isEmpty();
    assertThat(sessions.detach(room, ann, second)).isFalse();
  }
}
