package dev.cowatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.cowatch.core.room.PlaybackState;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The room driven by the keyboard alone, as someone who cannot use a mouse would: create it, play,
 * pause, seek, chat, react and change a setting, reaching each control with Tab, each with a visible
 * focus; the room's news ("Ann paused at 0:03") lands in a live region a screen reader announces.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyboardBrowserTest {
  private static final String CONNECTED = "() => !!window.__cowatch && window.__cowatch.client.state === 'connected'";
  /** More than any page has controls before the ones this test looks for. */
  private static final int MAX_TABS = 120;

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
  void play_pause_seek_chat_react_and_settings_by_keyboard_alone() throws Exception {
    try (RoomPage ann = stack.chromium().newViewer("Ann")) {
      Page p = ann.page();
      p.navigate(stack.baseUri().resolve("/").toString());
      tabTo(p, "#your-name");
      p.keyboard().type("Ann");
      tabTo(p, "#room-name");
      p.keyboard().type("Keys only");
      tabTo(p, "#room-url");
      p.keyboard().type(stack.videoUrl());
      p.keyboard().press("Enter");
      p.waitForURL(Pattern.compile(".*/r/[A-Za-z0-9_-]+$"));
      String roomId = p.url().substring(p.url().lastIndexOf('/') + 1);
      p.waitForFunction(CONNECTED);
      p.waitForFunction("() => window.__cowatch.video.readyState >= 3");

      // Play with Enter on the focused play button.
      tabTo(p, "#play-pause");
      PlaywrightAssertions.assertThat(p.locator("#play-pause")).hasAttribute("aria-label", "Play");
      p.keyboard().press("Enter");
      await().atMost(Duration.ofSeconds(10)).until(() -> stack.timeline(roomId).state() == PlaybackState.PLAYING);
      p.waitForTimeout(1_500);

      // Pause: the live region says who paused and where.
      p.keyboard().press("Enter");
      await().atMost(Duration.ofSeconds(10)).until(() -> stack.timeline(roomId).state() == PlaybackState.PAUSED);
      PlaywrightAssertions.assertThat(p.locator("#status")).hasAttribute("aria-live", "polite");
      PlaywrightAssertions.assertThat(p.locator("#status")).hasText(Pattern.compile("Ann paused at 0:0\\d"));

      // Seek: the arrow keys on the seek bar jump ten seconds.
      long before = stack.timeline(roomId).anchorPositionMs();
      tabTo(p, "#seek");
      PlaywrightAssertions.assertThat(p.locator("#seek")).hasAttribute("aria-label", "Position");
      p.keyboard().press("ArrowRight");
      await().atMost(Duration.ofSeconds(10)).until(() -> stack.timeline(roomId).anchorPositionMs() >= before + 9_000);
      PlaywrightAssertions.assertThat(p.locator("#status")).hasText(Pattern.compile("Ann jumped to 0:1\\d"));

      // Chat.
      tabTo(p, "#chat-input");
      p.keyboard().type("typed without a mouse");
      p.keyboard().press("Enter");
      PlaywrightAssertions.assertThat(p.locator("#chat-lines")).containsText("typed without a mouse");

      // A reaction from the bar under the player floats over the video.
      tabTo(p, ".reaction-bar button");
      p.keyboard().press("Enter");
      PlaywrightAssertions.assertThat(p.locator(".reaction-float").first()).containsText("Ann");

      // Settings: open the panel, rename the room, save.
      tabTo(p, "#settings-panel summary");
      p.keyboard().press("Enter");
      tabTo(p, "#settings-form input[name=name]");
      p.keyboard().press("Control+A");
      p.keyboard().type("Renamed by keyboard");
      tabTo(p, "#settings-save");
      p.keyboard().press("Enter");
      await().atMost(Duration.ofSeconds(10)).until(() -> stack.room(roomId).settings().name().equals("Renamed by keyboard"));
      PlaywrightAssertions.assertThat(p.locator("h1.room-name")).hasText("Renamed by keyboard");

      p.screenshot(new Page.ScreenshotOptions().setPath(BrowserSyncTest.outDir().resolve("room-keyboard.png")));
      assertThat(ann.problems()).noneMatch(s -> s.startsWith("page error"));
    }
  }

  /**
   * Presses Tab until the element matching {@code selector} has the focus (failing after
   * {@link #MAX_TABS}), then checks that the focus is visible: an outline or a ring around it.
   */
  static void tabTo(Page p, String selector) {
    for (int i = 0; i < MAX_TABS; i++) {
      Object here = p.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector);
      if (Boolean.TRUE.equals(here)) {
        Object visible = p.evaluate("""
            () => {
              const s = getComputedStyle(document.activeElement);
              return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
            }""");
        assertThat(visible).as("a visible focus on " + selector).isEqualTo(true);
        return;
      }
      p.keyboard().press("Tab");
    }
    throw new AssertionError(selector + " not reached with " + MAX_TABS + " presses of Tab");
  }
}
