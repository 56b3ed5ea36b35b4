package dev.cowatch.server.sync;

import static dev.cowatch.server.Timings.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;
import static org.awaitility.Awaitility.await;

import dev.cowatch.client.Transport;
import dev.cowatch.client.WebSocketTransport;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.server.TestServer;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the Java client does when the server is out of its reach (docs/protocol.md 3.12, "The Java
 * client"): it has no WebRTC, so it cannot join the peers; it keeps its player on the last timeline it
 * was given, by its clock estimate, retries the server, and on return follows the server's timeline,
 * whatever happened there meanwhile. Against the real server, over real sockets; the network path is
 * cut by a transport that closes the socket and refuses new ones until it is mended.
 */
class ServerLostJavaClientTest {
  private static final Duration SETTLE = Duration.ofSeconds(5);

  private final ScheduledExecutorService steps = Executors.newScheduledThreadPool(2);

  @AfterEach
  void stopSteps() {
    steps.shutdownNow();
  }

  @Test
  void serverOutOfReach_playerStaysOnTheLastTimeline_thenFollowsWhatTheServerDecidedMeanwhile() {
    try (TestServer ts = new TestServer()) {
      RoomId room = ts.createRoom("film.mp4");
      SimulatedViewer ann = viewer(ts, room, "ann", new WebSocketTransport(), 1);
      CuttableTransport bobsNetwork = new CuttableTransport();
      SimulatedViewer bob = viewer(ts, room, "bob", bobsNetwork, 2);
      ann.player().play();
      await().atMost(Duration.ofSeconds(10)).during(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
          .until(() -> bob.player().isPlaying() && Math.abs(errorMs(ts, room, bob)) < 20);

      bobsNetwork.cut();
      within(SETTLE).until(() -> !bob.client().isConnected());
      // A hiccup while the server is away (60 ms: a rate nudge's work, not a seek's) is still corrected.
      bob.player().stall(60);
      await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(50))
          .until(() -> Math.abs(errorMs(ts, room, bob)) > 40);
      await().atMost(Duration.ofSeconds(4)).during(Duration.ofMillis(500)).pollInterval(Duration.ofMillis(50))
          .until(() -> Math.abs(errorMs(ts, room, bob)) < 20);
      assertThat(bob.client().isConnected()).as("corrected while still cut off").isFalse();

      // The room moves on without Bob: Ann pauses at 20 s.
      ann.player().seek(20_000);
      within(SETTLE).until(() -> serverTimeline(ts, room).anchorPositionMs() == 20_000);
      // Ann's next gesture comes once her player plays the seek. Before her client has it, a pause based
      // on the version before would be refused as a conflict (docs/protocol.md); before the seek's start
      // instant her player is held paused for it, and pausing a paused player is no gesture at all (the
      // start then fires). A person's pause in those few hundred ms is lost the same way.
      within(SETTLE).until(() -> {
        Timeline t = serverTimeline(ts, room);
        return t.equals(ann.client().timeline()) && System.currentTimeMillis() > t.anchorTimeMs() + 100
            && ann.player().isPlaying();
      });
      ann.player().pause();
      within(SETTLE).until(() -> serverTimeline(ts, room).state() == PlaybackState.PAUSED);
      assertThat(bob.player().isPlaying()).as("Bob plays on what he last knew").isTrue();

      bobsNetwork.mend();
      Timeline decided = serverTimeline(ts, room);
      within(Duration.ofSeconds(15)).until(() -> bob.client().isConnected() && bob.client().timeline().equals(decided)
          && !bob.player().isPlaying());
      within(SETTLE).until(() -> Math.abs(bob.player().positionMs() - decided.anchorPositionMs()) < 40);
      assertThat(bob.player().positionMs()).isCloseTo(ann.player().positionMs(), offset(40.0));
      assertThat(bob.client().controlIntentsSent()).as("following the server is never an intent").isZero();
    }
  }

  private SimulatedViewer viewer(TestServer ts, RoomId room, String name, Transport transport, long seed) {
    return SimulatedViewer.start(ts, ts.joined(ts.client(room, name).transport(transport).build()), seed, steps);
  }

  private static Timeline serverTimeline(TestServer ts, RoomId room) {
    return ts.server().rooms().service().find(room).orElseThrow().timeline();
  }

  /** The player against the room's position at the true server time (the server reads the system clock). */
  private static double errorMs(TestServer ts, RoomId room, SimulatedViewer v) {
    return v.player().positionMs() - serverTimeline(ts, room).positionAt(System.currentTimeMillis());
  }
}
