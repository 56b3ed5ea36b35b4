package dev.cowatch.server.room.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.platform.redis.Redis;
import dev.cowatch.server.room.bus.RoomBus;
import dev.cowatch.server.room.live.MemberSessions.Seat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Member sessions in the machine's Redis: members' tokens and connections recorded in one step. */
class RedisMemberSessionsTest {
  private final String prefix = TestRedis.freshPrefix();
  private final Redis redis = TestRedis.node(prefix);
  private final RedisMemberSessions sessions = new RedisMemberSessions(redis, "node-a");
  private final RoomId room = new RoomId("room1");
  private final MemberId ann = new MemberId("m-ann");
  private final MemberId bob = new MemberId("m-bob");

  @AfterEach
  void close() {
    sessions.close();
    redis.close();
    TestRedis.clean(prefix);
  }

  /**
   * A node paused or cut from Redis past {@link RedisMemberSessions#NODE_ALIVE_FOR} is counted gone by the others, who
   * mark its members disconnected and let them go after their grace, while their sockets on this node stay open: so
   * its connections join again once its heartbeat finds that it had lapsed. A node that beats on time does not.
   */
  @Test
  void aNodeWhoseHeartbeatLapsed_hasItsConnectionsJoinAgain_andOneThatBeatInTime_doesNot() throws Exception {
    java.util.concurrent.CountDownLatch joinAgain = new java.util.concurrent.CountDownLatch(1);
    sessions.onLost(joinAgain::countDown);
    try (Redis other = TestRedis.node(prefix); RedisMemberSessions nodeB = new RedisMemberSessions(other, "node-b")) {
      assertThat(joinAgain.await(RedisMemberSessions.HEARTBEAT.toMillis() * 2, java.util.concurrent.TimeUnit.MILLISECONDS))
          .as("beating in time: nothing to join again").isFalse();
      assertThat(nodeB.nodesGone()).isEmpty();

      redis.sync().del(redis.key("node:node-a")); // its word lapsed, as after a pause of more than 6 s
      assertThat(nodeB.nodesGone()).as("the other node counts it gone now").containsExactly("node-a");
      assertThat(joinAgain.await(RedisMemberSessions.HEARTBEAT.toMillis() * 2, java.util.concurrent.TimeUnit.MILLISECONDS))
          .as("its next beat finds the lapse and its connections join again").isTrue();
      assertThat(nodeB.nodesGone()).isEmpty();
    }
  }

  @Test
  void seatAll_recordsNewTokensAndConnections_asTheTwoStepsDo() {
    RoomBus.Listener first = b -> { };
    RoomBus.Listener second = b -> { };
    RoomBus.Listener bobs = b -> { };

    sessions.seatAll(room, List.of(new Seat(ann, "token-1", first), new Seat(bob, "token-2", bobs)));

    assertThat(sessions.tokenHolder(room, "token-1")).contains(ann);
    assertThat(sessions.tokenHolder(room, "token-2")).contains(bob);
    assertThat(sessions.detach(room, ann, second)).as("another connection does not speak for her").isFalse();
    assertThat(sessions.detach(room, ann, first)).isTrue();
    assertThat(sessions.detach(room, ann, first)).as("once").isFalse();

    sessions.attach(room, ann, second);
    sessions.forget(room, ann);
    assertThat(sessions.tokenHolder(room, "token-1")).isEmpty();
    assertThat(sessions.detach(room, ann, second)).isFalse();
    assertThat(sessions.detach(room, bob, bobs)).as("her leaving is not his").isTrue();
  }

  @Test
  void seatAll_aMemberBackWithItsTokenKeepsIt_andItsNewConnectionSpeaksForIt() {
    RoomBus.Listener before = b -> { };
    RoomBus.Listener after = b -> { };
    sessions.seatAll(room, List.of(new Seat(ann, "token-1", before)));

    sessions.seatAll(room, List.of(new Seat(ann, null, after)));

    assertThat(sessions.tokenHolder(room, "token-1")).contains(ann);
    assertThat(sessions.detach(room, ann, before)).as("the old connection no longer speaks for her").isFalse();
    assertThat(sessions.detach(room, ann, after)).isTrue();
  }

  @Test
  void detachAll_letsGoOfEachConnectionThatStillSpeaksForItsMember_andSaysWhichDid() {
    RoomBus.Listener annsOld = b -> { };
    RoomBus.Listener annsNew = b -> { };
    RoomBus.Listener bobs = b -> { };
    MemberId cy = new MemberId("m-cy");
    sessions.seatAll(room, List.of(new Seat(ann, "token-1", annsOld), new Seat(bob, "token-2", bobs)));
    sessions.attach(room, ann, annsNew);

    assertThat(sessions.detachAll(room, List.of(new Seat(ann, null, annsOld), new Seat(bob, null, bobs),
        new Seat(cy, null, bobs)))).containsExactly(false, true, false);
    assertThat(sessions.detach(room, ann, annsNew)).as("her new connection still speaks for her").isTrue();
    assertThat(sessions.detach(room, bob, bobs)).as("once").isFalse();
  }
}
