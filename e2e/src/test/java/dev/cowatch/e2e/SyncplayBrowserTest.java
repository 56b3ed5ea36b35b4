package dev.cowatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.server.syncplay.SyncplayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A real Syncplay 1.6.9 client (with mpv) in a Cowatch room beside a Chromium page: pause, play and seek
 * from either side reach the other, without an intent echoed back; chat goes both ways; the Syncplay user
 * is in the page's participants.
 */
class SyncplayBrowserTest {
  /** A Syncplay client follows the room to within its own thresholds; a seek lands within a second. */
  private static final double LANDED_MS = 1_000;

  @Test
  void syncplayClientAndBrowser_followEachOther_andChat() throws Exception {
    try (E2eStack stack = E2eStack.start(c -> c.syncplay(SyncplayConfig.on(0)))) {
      String roomId = stack.createRoom();
      Path work = Files.createTempDirectory("cowatch-syncplay");
      Path video = Files.write(work.resolve(E2eStack.VIDEO), E2eStack.findVideo());
      try (RoomSession room = new RoomSession(stack, roomId);
          SyncplayClient bob = SyncplayClient.start("127.0.0.1:" + stack.server().syncplay().port(), "Bob", roomId,
              video, work)) {
        RoomPage ann = room.join("Ann");
        ann.awaitText("#participants", "Bob", 15_000);
        assertThat(ann.page().locator("#participants li").filter(new com.microsoft.playwright.Locator.FilterOptions()
            .setHasText("Bob")).innerText()).as("Bob's entry names his client").contains("Syncplay");
        MpvIpc mpv = bob.mpv();

        // The browser plays: mpv plays along, near the room's position.
        ann.clickPlayPause();
        await("mpv playing near the room", () -> {
          MpvIpc.Sample s = sample(mpv);
          return !s.paused() && Math.abs(s.positionMs() - stack.timeline(roomId).positionAt(s.wallMs())) < LANDED_MS;
        });

        // Syncplay's user pauses in mpv: the room and the browser pause, and no intent comes back.
        long before = stack.timeline(roomId).version();
        mpv.setPaused(true);
        await("the room paused by Bob", () -> stack.timeline(roomId).state() == PlaybackState.PAUSED);
        await("the browser paused", () -> ann.sample().paused());
        ann.idle(3_000);
        assertThat(stack.timeline(roomId).version()).as("one pause, no echo").isEqualTo(before + 1);

        // Syncplay's user seeks in mpv: the room and the browser land there.
        mpv.seekTo(30);
        await("the room at 30 s", () -> Math.abs(stack.timeline(roomId).anchorPositionMs() - 30_000) < LANDED_MS);
        await("the browser at 30 s", () -> Math.abs(ann.sample().positionMs() - 30_000) < LANDED_MS);

        // The browser plays, then seeks to 10 s, then pauses: mpv follows each.
        ann.clickPlayPause();
        await("mpv playing again", () -> !sample(mpv).paused());
        ann.seekBarTo(10_000);
        await("mpv near 10 s", () -> {
          MpvIpc.Sample s = sample(mpv);
          Timeline t = stack.timeline(roomId);
          return Math.abs(s.positionMs() - t.positionAt(s.wallMs())) < LANDED_MS && s.positionMs() < 20_000;
        });
        long beforePause = stack.timeline(roomId).version();
        ann.clickPlayPause();
        await("mpv paused by Ann", () -> sample(mpv).paused());
        ann.idle(3_000);
        assertThat(stack.timeline(roomId).version()).as("Ann's pause, and nothing from Bob").isEqualTo(beforePause + 1);

        // Chat both ways.
        ann.page().locator("#chat-input").fill("hello from the browser");
        ann.page().locator("#chat-form button[type=submit]").click();
        // As the client received it (its debug output): its console UI does not always print what it shows.
        bob.awaitConsole(SyncplayClient.SERVER_SAID + "{\"Chat\":{\"username\":\"Ann\",\"message\":\"hello from the browser\"}}", 10_000);
        bob.chat("hello from syncplay");
        ann.awaitText("#chat-lines", "hello from syncplay", 10_000);

        ann.screenshot(Path.of("target", "syncplay.png"));
        // One connection throughout: Syncplay's client reconnects after anything it cannot take (and then
        // re-syncs, which would hide the failure from every check above).
        assertThat(bob.console()).as("Syncplay's console").noneMatch(l -> l.contains("Connection with server lost")
            || l.contains("Traceback"));
        assertThat(ann.problems()).as("Ann's console").isEmpty();
      }
    }
  }

  private static MpvIpc.Sample sample(MpvIpc mpv) {
    try {
      return mpv.sample();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long until = System.currentTimeMillis() + 15_000;
    while (System.currentTimeMillis() < until) {
      if (condition.getAsBoolean()) return;
      Thread.sleep(50);
    }
    throw new AssertionError("timed out waiting for " + what);
  }
}
