package dev.cowatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.cowatch.server.media.MediaDelivery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cowatch behind the reference nginx with {@code --media-accel-redirect} (docs/operations.md), used as a
 * viewer uses it: through nginx, a guest uploads a video, watches it in a new room and it plays. Cowatch
 * answers the stream requests with an empty body and X-Accel-Redirect, so a playing video is one nginx sent.
 */
class AccelRedirectBrowserTest {
  private static final double READY_MS = 60_000;

  @TempDir
  Path dir;

  @Test
  void aVideoUploadedThroughNginx_playsFromBytesNginxSends() throws Exception {
    Path video = TestVideos.make(dir, "Harbour.mp4", 12, "320x240", "300k");
    try (E2eStack stack = E2eStack.start(c -> c.media(m -> m.withDelivery(
            new MediaDelivery("/internal-media/", false))));
         ReferenceNginx nginx = ReferenceNginx.start(dir.resolve("nginx"), stack.baseUri(),
             stack.server().media().library().store() instanceof dev.cowatch.server.media.storage.LocalDiskMediaStore l
                 ? l.root() : null);
         RoomPage viewer = stack.chromium().newViewer("Ines")) {
      Page a = viewer.page();
      List<Response> streams = new CopyOnWriteArrayList<>();
      a.onResponse(r -> {
        if (r.url().contains("/stream?")) streams.add(r);
      });
      a.navigate(nginx.base().resolve("/media").toString());
      a.locator("#media-guest-name").fill("Ines");
      a.locator("#media-guest button[type=submit]").click();
      a.locator("#media-file").setInputFiles(video);
      var item = a.locator("#library .media-item").first();
      PlaywrightAssertions.assertThat(item).hasAttribute("data-status", "ready",
          new LocatorAssertions.HasAttributeOptions().setTimeout(READY_MS));

      item.locator(".media-watch").click();
      a.waitForURL(Pattern.compile(".*/r/[A-Za-z0-9_-]+$"));
      viewer.awaitJoined(3);
      viewer.clickPlayPause();
      a.waitForFunction("() => { const v = document.querySelector('video'); return v && !v.paused && v.currentTime > 2; }",
          null, new Page.WaitForFunctionOptions().setTimeout(30_000));

      assertThat(streams).as("the player's stream requests").isNotEmpty();
      for (Response r : streams) {
        assertThat(r.url()).startsWith(nginx.base().toString());
        assertThat(r.status()).isIn(200, 206);
        assertThat(r.headers()).containsEntry("x-content-type-options", "nosniff").doesNotContainKey("x-accel-redirect");
      }
      Path out = BrowserSyncTest.outDir().resolve("accel-room.png");
      viewer.screenshot(out);
      assertThat(Files.size(out)).isGreaterThan(10_000);
      assertThat(viewer.problems()).noneMatch(s -> s.startsWith("page error"));
    }
  }
}
