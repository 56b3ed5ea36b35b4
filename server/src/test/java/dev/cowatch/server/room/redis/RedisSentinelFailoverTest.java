package dev.cowatch.server.room.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cowatch.core.room.RoomId;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.protocol.ServerMessage.TimelineView;
import dev.cowatch.server.RawSocket;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.platform.jdbc.TestDatabases;
import dev.cowatch.server.platform.redis.SentinelAddress;
import dev.cowatch.server.room.live.ClusterConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on the reference Redis with Sentinel ({@code scripts/redis-ha.sh}): its primary killed with SIGKILL
 * during playback. The sentinels promote the replica, the nodes find it when they reconnect, and the room takes
 * intents again, on both nodes, with the timeline it had: what a person pressed meanwhile was refused with
 * {@code unavailable} (the web app says so and they press again), never taken and then lost.
 */
class RedisSentinelFailoverTest {
  /** The bound on the refusal after a Redis failover; the sentinels judge a primary down after 1 s. */
  private static final Duration REFUSAL_BOUND = Duration.ofSeconds(5);
  /** Every node of a cluster signs and checks tokens with one secret. */
  private static final String JWT_SECRET = java.util.Base64.getEncoder().encodeToString(new byte[32]);

  @Test
  void thePrimaryKilledDuringPlayback_bothNodesTakeIntentsAgainWithinFiveSeconds_onTheTimelineTheRoomHad()
      throws Exception {
    // The nodes share a database as a deployment's do; the Redis is the test's own and goes with it.
    TestDatabases.ForServer database = TestDatabases.bothForServers().filter(n -> n.getName().equals("postgresql"))
        .findFirst().orElseThrow().getPayload().apply(TestServer.tempDir());
    try (RedisWithSentinels redis = RedisWithSentinels.start();
        TestServer a = node(redis, database);
        TestServer b = node(redis, database)) {
      RoomId room = a.createRoom("film.mp4");
      try (RawSocket ann = RawSocket.open(a.wsUri(room.value()));
          RawSocket ben = RawSocket.open(b.wsUri(room.value()))) {
        long joinedAt = ann.hello("Ann").room().timeline().version();
        ben.hello("Ben");
        ann.send("{\"type\":\"play\",\"version\":" + joinedAt + ",\"ref\":\"play\"}");
        TimelineView playing = awaitTimeline(List.of(ann, ben), "playing", joinedAt);

        redis.killPrimary();
        long killedAt = System.nanoTime();
        // Ben pauses, and presses again while the room refuses (unavailable), as the web app asks a person to.
        long refusedMs = -1;
        for (int press = 0; refusedMs < 0; press++) {
          assertThat(System.nanoTime() - killedAt).as("the room took no intent for 20 s")
              .isLessThan(Duration.ofSeconds(20).toNanos());
          String ref = "pause-" + press;
          ben.send("{\"type\":\"pause\",\"version\":" + playing.version() + ",\"ref\":\"" + ref + "\"}");
          Optional<String> outcome = awaitOutcome(ben, ref, playing.version());
          if (outcome.isPresent() && outcome.get().equals("taken")) {
            refusedMs = (System.nanoTime() - killedAt) / 1_000_000;
          } else {
            assertThat(outcome).as("a refusal says why").hasValueSatisfying(o -> assertThat(o).isEqualTo("unavailable"));
            Thread.sleep(200);
          }
        }
        System.out.printf("redis-failover: intents refused for %d ms after the primary was killed; primary now :%d%n",
            refusedMs, redis.primaryNow());

        assertThat(redis.primaryNow()).as("the sentinels promoted the replica").isEqualTo(redis.replicaPort());
        assertThat(refusedMs).as("refused for, ms").isLessThanOrEqualTo(REFUSAL_BOUND.toMillis());
        // The pause, right after the play the room had before the kill (the promoted replica had it: nothing rolled
        // back, no version named twice), is the room's on both nodes.
        // Ann, on the other node, hears it too: it is published once, and node A's subscription may come back after
        // it (a clean-clone run: node B reconnected at .291 and published at .314, node A at .316), so node A reads the
        // room's timeline when Redis confirms its channel again.
        TimelineView paused = awaitTimeline(List.of(ben, ann), "paused", playing.version());
        assertThat(paused.version()).isEqualTo(playing.version() + 1);
        assertThat(a.server().rooms().service().find(room).orElseThrow().timeline().version())
            .isEqualTo(paused.version());
        assertThat(ann.isClosed()).as("Ann stayed connected through the failover").isFalse();
        // And the room goes on: the next decision reaches both.
        ben.send("{\"type\":\"play\",\"version\":" + paused.version() + ",\"ref\":\"play-again\"}");
        awaitTimeline(List.of(ann, ben), "playing", paused.version());
      }
    } finally {
      database.dispose().run();
    }
  }

  /**
   * A decision is on the replica before anyone hears it: with the replica stopped (SIGSTOP, its connection up), a pause
   * is refused as one to try again, since a promotion now would lose it; once the primary has not heard from the
   * replica for longer than a healthy one is ever late, the room goes on without it; running again, it is waited for.
   */
  @Test
  void aDecisionTheReplicaDidNotConfirm_isRefused_untilTheReplicaIsJudgedGone() throws Exception {
    TestDatabases.ForServer database = TestDatabases.bothForServers().filter(n -> n.getName().equals("postgresql"))
        .findFirst().orElseThrow().getPayload().apply(TestServer.tempDir());
    try (RedisWithSentinels redis = RedisWithSentinels.start();
        TestServer a = node(redis, database)) {
      RoomId room = a.createRoom("film.mp4");
      try (RawSocket ann = RawSocket.open(a.wsUri(room.value()))) {
        long version = ann.hello("Ann").room().timeline().version();
        // Counted within a second of the start: the room waits for one replica.
        Thread.sleep(ReplicaConfirmations.POLL.toMillis() + 200);
        version = decide(ann, "play", version, "playing");

        redis.stopReplica();
        long stoppedAt = System.nanoTime();
        try {
          ann.send("{\"type\":\"pause\",\"version\":" + version + ",\"ref\":\"unconfirmed\"}");
          await().atMost(RawSocket.WAIT).until(() -> errorCode(ann, "unconfirmed").isPresent());
          assertThat(errorCode(ann, "unconfirmed")).contains("unavailable");
          // Judged gone after MAX_LAG_S without a word from it, counted within a POLL: the room decides again.
          long takenMs = -1;
          for (int press = 0; takenMs < 0; press++) {
            assertThat(System.nanoTime() - stoppedAt).as("the room took no intent for 15 s").isLessThan(15_000_000_000L);
            String ref = "again-" + press;
            ann.send("{\"type\":\"pause\",\"version\":" + version + ",\"ref\":\"" + ref + "\"}");
            Optional<String> outcome = awaitOutcome(ann, ref, version);
            if (outcome.equals(Optional.of("taken"))) takenMs = (System.nanoTime() - stoppedAt) / 1_000_000;
            else Thread.sleep(200);
          }
          System.out.printf("redis-replica: decisions refused for %d ms after the replica stopped%n", takenMs);
          assertThat(takenMs).as("refused while the replica may still be alive").isGreaterThanOrEqualTo(1_000);
          version = last(ann).orElseThrow().version();
        } finally {
          redis.continueReplica();
        }
        // Back and caught up, it is waited for again, and decisions are taken.
        Thread.sleep(ReplicaConfirmations.POLL.toMillis() * 2 + 500);
        decide(ann, "play", version, "playing");
      }
    } finally {
      database.dispose().run();
    }
  }

  /** Sends an intent and waits until the socket hears its timeline in {@code state}; the new version. */
  private static long decide(RawSocket s, String intent, long version, String state) {
    s.send("{\"type\":\"" + intent + "\",\"version\":" + version + ",\"ref\":\"" + intent + version + "\"}");
    return awaitTimeline(List.of(s), state, version).version();
  }

  private static Optional<String> errorCode(RawSocket s, String ref) {
    return s.messages(ServerMessage.Error.class).stream().filter(e -> ref.equals(e.ref()))
        .map(ServerMessage.Error::code).findFirst();
  }

  private static TestServer node(RedisWithSentinels redis, TestDatabases.ForServer database) {
    String url = SentinelAddress.url(redis.sentinels(), "cowatch");
    return new TestServer(TestServer.tempDir(), c -> c.database(database.config())
        .accounts(a -> a.withJwtSecret(JWT_SECRET))
        .cluster(new ClusterConfig(url, ClusterConfig.DEFAULT_PREFIX)), Clock.systemUTC());
  }

  /** The timeline both sockets were last given, once it is in {@code state} past version {@code after}. */
  private static TimelineView awaitTimeline(List<RawSocket> sockets, String state, long after) {
    await().atMost(RawSocket.WAIT).until(() -> sockets.stream().allMatch(s -> last(s)
        .filter(t -> t.state().equals(state) && t.version() > after).isPresent()));
    TimelineView first = last(sockets.getFirst()).orElseThrow();
    for (RawSocket s : sockets) assertThat(last(s)).as("the same timeline on both nodes").contains(first);
    return first;
  }

  private static Optional<TimelineView> last(RawSocket s) {
    List<ServerMessage.TimelineUpdate> updates = s.messages(ServerMessage.TimelineUpdate.class);
    return updates.isEmpty() ? Optional.empty() : Optional.of(updates.getLast().timeline());
  }

  /** "taken" once the pause is the room's, the error's code if the intent with {@code ref} was refused. */
  private static Optional<String> awaitOutcome(RawSocket s, String ref, long playingVersion) {
    long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
    while (System.nanoTime() < until) {
      if (last(s).filter(t -> t.state().equals("paused") && t.version() > playingVersion).isPresent()) {
        return Optional.of("taken");
      }
      Optional<String> refused = errorCode(s, ref);
      if (refused.isPresent()) return refused;
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
