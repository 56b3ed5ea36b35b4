package dev.cowatch.server.room;

import static dev.cowatch.server.Timings.within;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.client.ClientListener;
import dev.cowatch.client.CowatchClient;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.server.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two people press at the same moment: the room takes one, tells the other, and all agree. */
class ConcurrentIntentsTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final int ROUNDS = 5;

  @Test
  void conflictingIntentsOnTheSameVersion_oneIsAppliedAndTheOtherGetsConflict() throws Exception {
    try (TestServer ts = new TestServer()) {
      RoomId room = ts.createRoom("film.mp4");
      CowatchClient a = ts.joined(room, "a");
      CowatchClient b = ts.joined(room, "b");
      List<ServerMessage.Error> errors = new CopyOnWriteArrayList<>();
      ClientListener collect = new ClientListener() {
        @Override
        public void onError(ServerMessage.Error error) {
          errors.add(error);
        }
      };
      a.addListener(collect);
      b.addListener(collect);

      for (int round = 0; round < ROUNDS; round++) {
        a.play();
        within(WAIT).until(() -> a.timeline().state() == PlaybackState.PLAYING && a.timeline().equals(b.timeline()));
        long base = a.timeline().version();
        errors.clear();

        long seekTo = 60_000L + round * 1_000;
        // Both name the version they saw, as simultaneous presses do. (Through the clients' own
        // methods, a pauser delayed by a busy machine would already see the seek and build on it.)
        String pause = "{\"type\":\"pause\",\"version\":" + base + ",\"positionMs\":"
            + Math.round(a.expectedPositionMs()) + "}";
        String seek = "{\"type\":\"seek\",\"version\":" + base + ",\"positionMs\":" + seekTo + "}";
        CyclicBarrier start = new CyclicBarrier(2);
        Thread pauser = Thread.ofPlatform().start(() -> {
          await(start);
          a.sendRaw(pause);
        });
        await(start);
        b.sendRaw(seek);
        pauser.join(5_000);

        within(WAIT).until(() -> errors.size() == 1);
        Timeline decided = ts.server().rooms().service().find(room).orElseThrow().timeline();
        assertThat(decided.version()).as("exactly one applied").isEqualTo(base + 1);
        assertThat(errors.getFirst().code()).isEqualTo("conflict");
        assertThat(errors.getFirst().timeline().version()).isEqualTo(base + 1);
        boolean pauseWon = decided.state() == PlaybackState.PAUSED;
        assertThat(pauseWon || decided.anchorPositionMs() == seekTo).isTrue();
        within(WAIT).until(() -> decided.equals(a.timeline()) && decided.equals(b.timeline()));
        // Nothing else arrives later to make them disagree.
        assertThat(errors).hasSize(1);
      }
    }
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
