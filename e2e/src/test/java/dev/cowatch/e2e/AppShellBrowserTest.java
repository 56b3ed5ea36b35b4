package dev.cowatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.cowatch.core.room.PlaybackState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Cowatch as people carry it: installable as an app (Chromium's own installability check finds nothing
 * missing), a page opened offline that says rooms need the network, and the room on a phone held upright
 * and sideways: played with a tap, nothing wider than the screen, the controls on it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppShellBrowserTest {
  private static final String CONNECTED = "() => !!window.__cowatch && window.__cowatch.client.state === 'connected'";
  /** Chromium asks for this of any page it offers to install; Playwright's contexts are incognito-like. */
  private static final String INCOGNITO = "in-incognito";

  private E2eStack stack;

  @BeforeAll
  void start() throws Exception {
    stack = E2eStack.start();
  }

  @AfterAll
  void stop() {
    if (stack != null) stack.close();
  }

  @Test
  void installable_andOfflineSaysSo() throws Exception {
    try (RoomPage viewer = stack.chromium().newViewer("Ann")) {
      Page p = viewer.page();
      p.navigate(stack.baseUri().resolve("/").toString());
      p.evaluate("async () => { await navigator.serviceWorker.ready; }");
      p.reload(); // now under the service worker's control
      p.waitForFunction("() => navigator.serviceWorker.controller !== null");

      CDPSession cdp = p.context().newCDPSession(p);
      JsonObject manifest = cdp.send("Page.getAppManifest");
      assertThat(manifest.get("url").getAsString()).endsWith("/assets/manifest.json");
      assertThat(manifest.getAsJsonArray("errors")).as("manifest errors").isEmpty();
      JsonArray installability = cdp.send("Page.getInstallabilityErrors").getAsJsonArray("installabilityErrors");
      List<String> missing = new ArrayList<>();
      installability.forEach(e -> missing.add(e.getAsJsonObject().get("errorId").getAsString()));
      assertThat(missing).as("what Chromium says keeps the site from being installed").allMatch(INCOGNITO::equals);

      // Offline: a room link opens a page in the viewer's language that says what is wrong.
      String roomId = stack.createRoom();
      p.context().setOffline(true);
      Response offline = p.navigate(stack.baseUri().resolve("/r/" + roomId).toString());
      assertThat(offline.status()).isEqualTo(503);
      PlaywrightAssertions.assertThat(p.locator("h1")).hasText("You are offline");
      PlaywrightAssertions.assertThat(p.locator("main a")).hasText("Try again");
      p.screenshot(new Page.ScreenshotOptions().setPath(out().resolve("app-offline.png")));

      // Back online, "Try again" opens the room page itself.
      p.context().setOffline(false);
      p.locator("main a").click();
      p.waitForSelector("#display-name");
      // The offline page's own 503 is the one console line: it says the page is not the room's.
      assertThat(viewer.problems()).containsExactly("console: Failed to load resource: the server responded with a status of 503 ()");
    }
  }

  @Test
  void room_onAPhone_uprightAndSideways() throws Exception {
    String roomId = stack.createRoom();
    Browser.NewContextOptions phone = new Browser.NewContextOptions().setViewportSize(390, 844)
        .setDeviceScaleFactor(3).setIsMobile(true).setHasTouch(true)
        .setUserAgent("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/130.0.0.0 Mobile Safari/537.36");
    try (RoomPage ann = stack.chromium().newViewer("Ann", phone)) {
      Page p = ann.join(stack.baseUri(), roomId).page();
      p.waitForFunction(CONNECTED);
      fitsTheScreen(p, "upright");
      p.locator("#play-pause").tap();
      await().atMost(Duration.ofSeconds(10)).until(() -> stack.timeline(roomId).state() == PlaybackState.PLAYING);
      p.waitForFunction("() => !window.__cowatch.video.paused && window.__cowatch.video.currentTime > 1");
      p.screenshot(new Page.ScreenshotOptions().setPath(out().resolve("room-phone-upright.png")));

      p.setViewportSize(844, 390);
      fitsTheScreen(p, "sideways");
      p.screenshot(new Page.ScreenshotOptions().setPath(out().resolve("room-phone-sideways.png")));
      p.locator("#play-pause").tap();
      await().atMost(Duration.ofSeconds(10)).until(() -> stack.timeline(roomId).state() == PlaybackState.PAUSED);
      assertThat(ann.problems()).isEmpty();
    }
  }

  /** Nothing scrolls sideways, the video is as wide as the screen at most, and play and the seek bar are on it. */
  private static void fitsTheScreen(Page p, String how) {
    Object overflow = p.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
    assertThat(((Number) overflow).intValue()).as(how + ": page wider than the screen by").isLessThanOrEqualTo(0);
    Object videoRight = p.evaluate("() => document.querySelector('video').getBoundingClientRect().right - window.innerWidth");
    assertThat(((Number) videoRight).doubleValue()).as(how + ": video past the screen's edge by").isLessThanOrEqualTo(0.5);
    for (String control : List.of("#play-pause", "#seek")) {
      Object box = p.evaluate("s => { const r = document.querySelector(s).getBoundingClientRect();"
          + " return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth + 0.5; }", control);
      assertThat(box).as(how + ": " + control + " on the screen").isEqualTo(true);
    }
    PlaywrightAssertions.assertThat(p.locator("#play-pause")).isVisible();
  }

  private static Path out() throws java.io.IOException {
    return BrowserSyncTest.outDir();
  }
}
