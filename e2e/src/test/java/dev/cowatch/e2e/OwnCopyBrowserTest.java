package dev.cowatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.cowatch.protocol.FileMediaId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A room whose video is a file on the members' own computers ({@code file:<size>:<sha256>}, as cowatch-bridge
 * makes): the web app explains it instead of failing to load it; a viewer chooses a file, the browser checks its
 * identity (SubtleCrypto over its first and last MiB, nothing uploaded), refuses another file with the reason,
 * and plays the right one from a blob URL in step with the room.
 */
@RunsAlone
class OwnCopyBrowserTest {
  @Test
  void aFileRoom_isExplained_theViewersCopyIsChecked_andPlaysInSync() throws Exception {
    Path dir = Files.createTempDirectory("cowatch-own-copy");
    Path film = Files.write(dir.resolve("night-train.webm"), E2eStack.findVideo());
    byte[] otherBytes = new byte[3 << 20];
    new Random(5).nextBytes(otherBytes);
    Path other = Files.write(dir.resolve("other-release.webm"), otherBytes);
    String fileId = FileMediaId.ofFile(film).mediaId();
    try (E2eStack stack = E2eStack.start()) {
      String roomId = stack.createRoom("{\"name\":\"Own copies\",\"mediaId\":\"" + fileId + "\"}");
      try (RoomSession room = new RoomSession(stack, roomId)) {
        RoomPage ann = room.add(stack.chromium().newViewer("Ann").join(stack.baseUri(), roomId, 0));
        RoomPage bob = room.add(stack.chromium().newViewer("Bob").join(stack.baseUri(), roomId, 0));
        Page page = ann.page();
        assertThat(page.locator("#own-copy-text").innerText())
            .contains("own computers").contains("cowatch-bridge").contains("choose your copy");
        assertThat(page.locator("#toast").innerText()).as("no load error").isEmpty();

        page.locator("#own-copy-file").setInputFiles(other);
        ann.awaitText("#own-copy-status", "is not the room\u2019s video", 15_000);
        assertThat(page.locator("#own-copy-status").innerText()).contains("other-release.webm").contains("yours has 3 MiB");
        assertThat(page.evaluate("() => window.__cowatch.video.getAttribute('src')")).isNull();

        page.locator("#own-copy-file").setInputFiles(film);
        ann.awaitText("#own-copy-status", "Playing your copy", 15_000);
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/own-copy-room.png")).setFullPage(true));
        bob.page().locator("#own-copy-file").setInputFiles(film);
        ann.awaitJoined(3);
        bob.awaitJoined(3);
        assertThat((String) page.evaluate("() => window.__cowatch.video.src")).startsWith("blob:");

        room.playFrom(ann);
        room.idle(1_000); // the start: players come up to speed at the anchor instant (as BrowserSyncTest)
        Percentiles spread = new Percentiles(room.sampleSteady(8_000, 100).stream().map(Round::spreadMs).toList());
        System.out.printf("own copies, steady spread: %s%n", spread);
        assertThat(spread.count()).isGreaterThanOrEqualTo(40);
        assertThat(spread.p(95)).as("p95 distance between the two copies, ms (the web app's bound)").isLessThanOrEqualTo(50);
        double converged = room.seekFrom(bob, 20_000, 4_000);
        System.out.printf("own copies, seek from Bob converged in %.0f ms%n", converged);
        assertThat(room.timeline().anchorPositionMs()).isBetween(19_000L, 21_000L);
        assertThat(ann.problems()).isEmpty();
        assertThat(bob.problems()).isEmpty();
      }
    }
  }
}
