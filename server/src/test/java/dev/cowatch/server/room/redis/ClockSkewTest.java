package dev.cowatch.server.room.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cowatch.client.CowatchClient;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.platform.jdbc.TestDatabases;
import dev.cowatch.server.room.live.ClusterConfig;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes whose machines' clocks are 40 ms apart (NTP on a bad day): each node sets its clock to
 * Redis's, so members on the two nodes still agree on the room's time base and play the same frame.
 */
class ClockSkewTest {
  private static final Duration SKEW = Duration.ofMillis(40);
  private final String prefix = TestRedis.freshPrefix();
  private final TestDatabases.ForServer database = TestDatabases.bothForServers().filter(n -> n.getName()
      .equals("postgresql")).findFirst().orElseThrow().getPayload().apply(TestServer.tempDir());
  private final TestServer nodeA = node(Clock.systemUTC());
  private final TestServer nodeB = node(Clock.offset(Clock.systemUTC(), SKEW));

  private TestServer node(Clock machine) {
    return new TestServer(TestServer.tempDir(), c -> c.database(database.config())
        .cluster(new ClusterConfig(TestRedis.URL, prefix)), machine);
  }

  @AfterEach
  void close() {
    nodeA.close();
    nodeB.close();
    database.dispose().run();
    TestRedis.clean(prefix);
  }

  @Test
  void membersOnNodesWhoseClocksDiffer_seeOneTimeBase_andOnePosition() {
    RoomId room = nodeA.createRoom("film.mp4");
    CowatchClient onA = nodeA.joined(room, "Ann");
    CowatchClient onB = nodeB.joined(room, "Bob");

    double timeBaseGap = onB.serverNowMs() - onA.serverNowMs();
    onA.play();
    await().atMost(Duration.ofSeconds(5)).until(() -> onB.timeline().state() == PlaybackState.PLAYING
        && onB.serverNowMs() > onB.timeline().anchorTimeMs() + 200);
    double positionGap = onB.expectedPositionMs() - onA.expectedPositionMs();

    System.out.println("clock-skew: machines " + SKEW.toMillis() + " ms apart; members' time bases "
        + Math.round(timeBaseGap) + " ms apart, positions " + Math.round(positionGap) + " ms apart");
    assertThat(Math.abs(timeBaseGap)).as("time bases apart (ms)").isLessThan(8);
    assertThat(Math.abs(positionGap)).as("expected positions apart (ms)").isLessThan(8);
  }
}
