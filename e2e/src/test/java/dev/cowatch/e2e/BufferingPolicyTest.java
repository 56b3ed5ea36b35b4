package dev.cowatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Readiness;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.Timeline;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A viewer whose media arrives slower than it plays (its requests go to the media server's
 * throttled route) makes a wait-for-everyone room wait; when its link then all but dies, the room
 * goes on without it once the wait times out. Its stalled player still follows the room (it pauses with
 * it), and when its link comes back it plays with the others again.
 *
 * <p>With the machine to itself ({@link RunsAlone}): three pages playing beside the other JVM's browser class reached a
 * load of 26 on two cores (a clean-clone run, 2026-11-28), where Ann's and then Sam's page each sent a seek nobody
 * made, and the room was pulled along. That is the pages' echo guard losing a seek of its own when a starved page
 * handles the landing more than 2 s after its last step: a defect of the product under starvation, written down in
 * issue 53's notes, not a bound of this test.
 */
@RunsAlone
class BufferingPolicyTest {
  /** Long enough for the pages to be read while the room waits, also on a machine at a load of 17. */
  private static final long WAIT_TIMEOUT_MS = 6_000;
  /** Next to nothing: a link that has all but died. */
  private static final MediaServer.Throttle CHOKED = new MediaServer.Throttle(0, 1);

  @Test
  void aPageThatRunsOutOfData_holdsAWaitForAllRoom_untilTheWaitTimesOut() throws Exception {
    try (E2eStack stack = E2eStack.start()) {
      String roomId = stack.createRoom("{\"name\":\"Slow link\",\"mediaId\":\"" + stack.videoUrl()
          + "\",\"bufferingPolicy\":\"waitForAll\",\"bufferWaitTimeoutMs\":" + WAIT_TIMEOUT_MS + "}");
      try (RoomSession room = new RoomSession(stack, roomId)) {
        RoomPage ann = room.join("Ann");
        room.join("Ben");
        RoomPage sam = stack.chromium().newViewer("Sam");
        sam.redirectMedia(stack.videoUrl(), stack.slowVideoUrl());
        room.add(sam.join(stack.baseUri(), roomId, 1));

        room.page(1).clickPlayPause();

        // The room's own state, read every few ms on the server: on its slow link Sam came back within 180 ms of a
        // wait at times, and pages read in rounds at a load of 17 saw none of those waits (a CI run, 2026-11-28).
        Timeline waiting = awaitRoom(stack, roomId, "the room to wait for Sam",
            r -> r.timeline().state() == PlaybackState.WAITING && readiness(r, "Sam") == Readiness.BUFFERING);
        // Sam cannot recover in time: the room must not wait forever. Choked at once, so that this wait is the one that
        // times out and what the pages show is read while it lasts.
        stack.media().throttle(CHOKED);
        assertThat(stack.media().slowBytesSent()).as("Sam's media came through the throttled route").isPositive();
        room.await("Ann and Ben to hold while the room waits", r -> r.timeline().state() == PlaybackState.WAITING
            && r.samples().subList(0, 2).stream().allMatch(PageSample::paused), 20);
        ann.awaitText(".overlay", "Sam", 2_500); // names come with the next presence update

        // The wait that times out is the last one: a link this slow may come back for a moment first (Sam ready,
        // then buffering again), and each new wait starts the room's timeout again.
        AtomicReference<Timeline> lastWait = new AtomicReference<>(waiting);
        Round resumed = room.await("the room to go on without Sam", r -> {
          if (r.timeline().state() == PlaybackState.WAITING) lastWait.set(r.timeline());
          return r.timeline().state() == PlaybackState.PLAYING && r.timeline().version() > lastWait.get().version();
        }, 50);
        long waitedMs = resumed.timeline().anchorTimeMs() - lastWait.get().anchorTimeMs();
        System.out.printf("buffering: the room waited %d ms (timeline v%d to v%d; it first waited at v%d)%n", waitedMs,
            lastWait.get().version(), resumed.timeline().version(), waiting.version());
        assertThat(waitedMs).as("waited about the room's timeout (plus the start lead)")
            .isBetween(WAIT_TIMEOUT_MS - 100, WAIT_TIMEOUT_MS + 2_000);
        assertThat(readiness(stack, roomId, "Sam")).as("left to catch up").isEqualTo(Readiness.CATCHING_UP);
        room.await("Ann and Ben to play on", r -> r.samples().subList(0, 2).stream().allMatch(PageSample::playing)
            && r.instantMs() > r.timeline().anchorTimeMs() + 300, 20);

        // Sam's player still stands where its data ran out. Ann pauses: a stall is left to the player for a while only
        // (HtmlVideoPlayer.STALL_LEFT_ALONE_MS), so it is paused with the room; left alone for good, a stalled player
        // stood there "playing" whatever the room did (dash.js once, stuck by itself after an ad, played on alone).
        ann.clickPlayPause();
        Round paused = room.await("Sam's stalled player to pause with the room", r -> r.timeline().state() == PlaybackState.PAUSED
            && r.samples().stream().allMatch(PageSample::paused), 50);
        System.out.printf("buffering: Sam paused with the room %.0f ms after its pause%n",
            paused.instantMs() - paused.timeline().anchorTimeMs());

        // The link comes back: Sam is where the room is again, and plays with Ann and Ben.
        stack.media().throttle(new MediaServer.Throttle(0, 100_000_000));
        ann.clickPlayPause();
        Round together = room.await("Sam to play with Ann and Ben again", r -> r.timeline().state() == PlaybackState.PLAYING
            && r.allPlaying() && r.spreadMs() <= 100, 50);
        System.out.printf("buffering: all three together %.0f ms after the play, spread %.1f ms%n",
            together.instantMs() - together.timeline().anchorTimeMs(), together.spreadMs());
        for (RoomPage p : List.of(ann, room.page(1))) assertThat(p.problems()).as(p.name() + "'s console").isEmpty();
      }
    }
  }

  private static Readiness readiness(E2eStack stack, String roomId, String name) {
    return readiness(stack.room(roomId), name);
  }

  private static Readiness readiness(Room room, String name) {
    return room.members().stream().filter(m -> m.displayName().equals(name)).findFirst()
        .map(Member::readiness).orElseThrow();
  }

  /** The room's timeline once the server's room matches, read every 5 ms (a page's round takes 100 ms and more). */
  private static Timeline awaitRoom(E2eStack stack, String roomId, String what, Predicate<Room> test)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    Room last = stack.room(roomId);
    while (!test.test(last)) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what + "; last " + last.timeline());
      Thread.sleep(5);
      last = stack.room(roomId);
    }
    return last.timeline();
  }
}
