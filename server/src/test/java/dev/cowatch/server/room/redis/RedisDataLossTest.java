package dev.cowatch.server.room.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cowatch.client.CowatchClient;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.platform.jdbc.TestDatabases;
import dev.cowatch.server.room.live.ClusterConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Redis restarted without its data (it keeps nothing on disk here, as in many deployments): the live
 * rooms, leases and sessions are gone while members sit in a playing room on two nodes. The nodes
 * notice, their members join again, and the room comes back from PostgreSQL paused where its last
 * checkpoint had it: a pause, never a room that does not exist or two timelines.
 */
class RedisDataLossTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final String JWT_SECRET = Base64.getEncoder().encodeToString(new byte[32]);
  private final String prefix = TestRedis.freshPrefix();
  private final TestDatabases.ForServer database = TestDatabases.bothForServers().filter(n -> n.getName()
      .equals("postgresql")).findFirst().orElseThrow().getPayload().apply(TestServer.tempDir());
  private final TestServer nodeA = node();
  private final TestServer nodeB = node();

  private TestServer node() {
    return new TestServer(TestServer.tempDir(), c -> c.database(database.config())
        .accounts(a -> a.withJwtSecret(JWT_SECRET))
        .cluster(new ClusterConfig(TestRedis.URL, prefix)), Clock.systemUTC());
  }

  @AfterEach
  void close() {
    nodeA.close();
    nodeB.close();
    database.dispose().run();
    TestRedis.clean(prefix);
  }

  @Test
  void theRoomComesBackFromItsCheckpoint_onTheTimelineItHad_andGoesOn() {
    RoomId room = nodeA.createRoom("film.mp4");
    CowatchClient ann = nodeA.joined(room, "Ann");
    CowatchClient bob = nodeB.joined(room, "Bob");
    List<String> bobErrors = new CopyOnWriteArrayList<>();
    bob.addListener(new dev.cowatch.client.ClientListener() {
      @Override
      public void onError(ServerMessage.Error error) {
        bobErrors.add(error.code());
      }
    });
    await().atMost(WAIT).until(() -> ann.memberCount() == 2 && bob.memberCount() == 2);
    ann.seek(30_000);
    await().atMost(WAIT).until(() -> bob.timeline().anchorPositionMs() == 30_000);
    ann.play();
    await().atMost(WAIT).until(() -> bob.timeline().state() == PlaybackState.PLAYING
        && bob.timeline().anchorPositionMs() == 30_000);
    var playing = bob.timeline();

    String annBefore = ann.memberId();
    String bobBefore = bob.memberId();

    TestRedis.clean(prefix); // what a restart of a Redis without persistence leaves

    // Each node notices at its next beat and asks its connections to join again; the first join of the
    // room loads it from its checkpoint, paused (as after a restart) where the checkpoint had it.
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> ann.isConnected()
        && bob.isConnected() && !ann.memberId().equals(annBefore) && !bob.memberId().equals(bobBefore)
        && ann.memberCount() == 2 && bob.memberCount() == 2);
    await().atMost(WAIT).until(() -> ann.timeline().equals(bob.timeline()));
    assertThat(bobErrors).as("errors Bob was sent").isEmpty();
    assertThat(ann.timeline().state()).isEqualTo(PlaybackState.PAUSED);
    assertThat(ann.timeline().version()).as("the version goes on from the one everyone had")
        .isGreaterThan(playing.version());
    assertThat(ann.timeline().anchorPositionMs()).as("where the playing timeline had got to at its checkpoint")
        .isGreaterThanOrEqualTo(playing.anchorPositionMs());

    ann.play();
    await().atMost(WAIT).until(() -> bob.timeline().state() == PlaybackState.PLAYING);
    CowatchClient cat = nodeB.joined(room, "Cat");
    await().atMost(WAIT).until(() -> cat.timeline().equals(ann.timeline()) && cat.memberCount() == 3);
  }
}
