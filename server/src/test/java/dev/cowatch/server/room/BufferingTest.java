package dev.cowatch.server.room;

import static dev.cowatch.server.Timings.within;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.client.ClientListener;
import dev.cowatch.client.CowatchClient;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.RoomSettings;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.server.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A wait-for-everyone room over real connections: holds for a buffering member, never forever. */
class BufferingTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final long WAIT_TIMEOUT_MS = 1_000;

  private record Change(Timeline timeline, ServerMessage.CauseView cause) {}

  @Test
  void bufferingMember_holdsThePlayingRoomForEveryone_andReadyResumesInTheFuture() {
    try (TestServer ts = new TestServer()) {
      RoomId room = waitForAllRoom(ts);
      CowatchClient a = ts.joined(room, "a");
      CowatchClient b = ts.joined(room, "b");
      play(a, b);

      a.buffering();
      within(WAIT).until(() -> a.timeline().state() == PlaybackState.WAITING
          && b.timeline().state() == PlaybackState.WAITING);
      // Presence follows the timeline in the outbox, so it may arrive a moment later.
      within(WAIT).until(() -> "buffering".equals(readiness(b, a.memberId())));

      long readySentAt = System.currentTimeMillis();
      a.ready();
      within(WAIT).until(() -> b.timeline().state() == PlaybackState.PLAYING && a.timeline().equals(b.timeline()));
      assertThat(b.timeline().anchorTimeMs())
          .as("everyone starts together, a lead after the decision")
          .isGreaterThanOrEqualTo(readySentAt + ts.server().rooms().service().tolerances().minLeadMs());
      within(WAIT).until(() -> "ready".equals(readiness(b, a.memberId())));
    }
  }

  @Test
  void memberThatNeverSaysReady_isLeftToCatchUpAfterTheWaitTimeout() {
    try (TestServer ts = new TestServer()) {
      RoomId room = waitForAllRoom(ts);
      CowatchClient a = ts.joined(room, "a");
      CowatchClient b = ts.joined(room, "b");
      List<Change> seenByA = new CopyOnWriteArrayList<>();
      a.addListener(new ClientListener() {
        @Override
        public void onTimeline(Timeline timeline, ServerMessage.CauseView cause) {
          seenByA.add(new Change(timeline, cause));
        }
      });
      play(a, b);

      long bufferingAt = System.currentTimeMillis();
      b.buffering();
      within(WAIT).until(() -> a.timeline().state() == PlaybackState.WAITING);
      within(WAIT).until(() -> a.timeline().state() == PlaybackState.PLAYING);
      long resumedAfterMs = System.currentTimeMillis() - bufferingAt;

      Change resumed = seenByA.getLast();
      assertThat(resumed.cause().intent()).isEqualTo("waitTimeout");
      assertThat(resumed.cause().memberId()).as("the room itself decided").isNull();
      assertThat(resumedAfterMs).isBetween(WAIT_TIMEOUT_MS - 50, WAIT_TIMEOUT_MS + 2_000);
      within(WAIT).until(() -> "catchingUp".equals(readiness(a, b.memberId())));
      assertThat(b.timeline()).isEqualTo(a.timeline());
    }
  }

  private static RoomId waitForAllRoom(TestServer ts) {
    return ts.createRoom(RoomSettings.defaults("buffering", WAIT_TIMEOUT_MS).withMaxMembers(10), "film.mp4");
  }

  private static void play(CowatchClient a, CowatchClient b) {
    a.play();
    within(WAIT).until(() -> a.timeline().state() == PlaybackState.PLAYING
        && b.timeline().state() == PlaybackState.PLAYING);
  }

  /** A member's readiness as {@code observer} last heard it in presence. */
  private static String readiness(CowatchClient observer, String memberId) {
    return observer.members().stream().filter(m -> m.id().equals(memberId)).findFirst()
        .map(ServerMessage.MemberView::readiness).orElse(null);
  }
}
