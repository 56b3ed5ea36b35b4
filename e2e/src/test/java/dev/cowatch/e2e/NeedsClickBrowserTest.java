package dev.cowatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Readiness;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A viewer under Chromium's normal autoplay rules (no {@code --autoplay-policy} flag) who has not
 * clicked in the room page (as after opening a remembered room in a new tab) cannot have the video
 * started by the page. Everyone sees "needs a click" beside them instead of "playing", and a
 * wait-for-everyone room waits for them until they click "Join playback". Sam's page is not read
 * (no evaluate) until the room waits: Playwright runs evaluated scripts as a user gesture.
 */
class NeedsClickBrowserTest {
  /** Longer than the test needs: the room must be waiting for Sam, not have given up on him. */
  private static final long WAIT_TIMEOUT_MS = 30_000;

  @Test
  void aViewerWhoseBrowserBlocksPlayback_isShownAsNeedingAClick_andTheRoomWaitsForTheirClick() throws Exception {
    try (E2eStack stack = E2eStack.start(); Chromium strict = Chromium.launchWithNormalAutoplay()) {
      String roomId = stack.createRoom("{\"name\":\"Autoplay\",\"mediaId\":\"" + stack.videoUrl()
          + "\",\"bufferingPolicy\":\"waitForAll\",\"bufferWaitTimeoutMs\":" + WAIT_TIMEOUT_MS + "}");
      try (RoomSession room = new RoomSession(stack, roomId)) {
        RoomPage ann = room.join("Ann");
        RoomPage sam = strict.newViewer("Sam"); // closed with its browser, or with the session once added
        sam.openWithoutGesture(stack.baseUri(), roomId);
        awaitServer(ann, "Sam to join", () -> member(stack, roomId, "Sam").isPresent());
        ann.idle(1_500); // Sam's clock sync (a burst of 8 pings 60 ms apart) and the video's metadata

        ann.clickPlayPause();

        awaitServer(ann, "the room to wait for Sam", () -> stack.timeline(roomId).state() == PlaybackState.WAITING);
        assertThat(member(stack, roomId, "Sam").map(Member::readiness)).contains(Readiness.NEEDS_CLICK);
        ann.awaitText("#participants", "needs a click", 5_000);
        ann.awaitText(".overlay", "Sam", 5_000);
        assertThat(ann.text("#participants")).doesNotContain("playing");
        assertThat(sam.page().locator("#join-playback").isVisible()).as("Sam is asked to click").isTrue();

        sam.page().locator("#join-playback").click();

        room.add(sam);
        room.await("both to play once Sam clicked", r -> r.allPlaying() && r.instantMs() > r.timeline().anchorTimeMs(), 50);
        assertThat(member(stack, roomId, "Sam").map(Member::readiness)).contains(Readiness.READY);
        ann.awaitText("#participants", "playing", 5_000);
        assertThat(ann.text("#participants")).doesNotContain("needs a click");
        assertThat(ann.problems()).as("Ann's console").isEmpty();
      }
    }
  }

  private static Optional<Member> member(E2eStack stack, String roomId, String name) {
    return stack.room(roomId).members().stream().filter(m -> m.displayName().equals(name)).findFirst();
  }

  /** Polls the server (never Sam's page) until {@code test} holds; fails after {@link RoomSession#AWAIT_MS}. */
  private static void awaitServer(RoomPage idler, String what, BooleanSupplier test) {
    long until = System.currentTimeMillis() + RoomSession.AWAIT_MS;
    while (!test.getAsBoolean()) {
      if (System.currentTimeMillis() > until) throw new AssertionError("timed out waiting for " + what);
      idler.idle(50);
    }
  }
}
