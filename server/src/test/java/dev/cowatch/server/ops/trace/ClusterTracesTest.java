package dev.cowatch.server.ops.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cowatch.client.CowatchClient;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.TestServer;
import dev.cowatch.server.ops.OpsConfig;
import dev.cowatch.server.room.ClusterConfig;
import dev.cowatch.server.room.redis.TestRedis;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A cluster node decides while it holds the room's lease on a thread of its own, not the one the intent arrived
 * on: the decision's steps are still children of the intent's span, in one trace.
 */
class ClusterTracesTest {
  private final String prefix = TestRedis.freshPrefix();
  private OtlpReceiver receiver;
  private TestServer ts;

  @BeforeEach
  void start() throws Exception {
    receiver = new OtlpReceiver();
    ts = new TestServer(TestServer.tempDir(), c -> c.withOps(OpsConfig.defaults()
        .withTraces(OtlpEndpoint.parse(receiver.base()))).withCluster(new ClusterConfig(TestRedis.URL, prefix)),
        Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    ts.close();
    receiver.close();
    TestRedis.clean(prefix);
  }

  @Test
  void anIntentDecidedUnderTheLease_isStillOneTrace() {
    RoomId room = ts.createRoom("https://example.org/film.mp4");
    CowatchClient ann = ts.joined(room, "Ann");
    CowatchClient bob = ts.joined(room, "Bob");

    ann.play();
    await().atMost(Duration.ofSeconds(5)).until(() -> bob.timeline() != null
        && bob.timeline().state() == PlaybackState.PLAYING);

    OtlpReceiver.Received received = await().atMost(Duration.ofSeconds(10))
        .until(() -> receiver.first(s -> s.name().equals("intent play")).orElse(null), s -> s != null);
    List<OtlpReceiver.Received> steps = await().atMost(Duration.ofSeconds(10)).until(
        () -> receiver.spans(s -> s.parentId().equals(received.spanId())), l -> l.size() >= 3);
    assertThat(steps).extracting(OtlpReceiver.Received::name)
        .containsExactly("room.decide", "room.persist", "room.broadcast");
    assertThat(steps).allMatch(s -> s.traceId().equals(received.traceId()));
  }
}
