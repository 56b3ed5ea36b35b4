package dev.cowatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.ColorScheme;
import com.microsoft.playwright.options.ReducedMotion;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A friend's link opened by someone not signed in: the join page says which room, whose, who is there
 * and what plays where, on a desktop and a phone (dark theme), in English, German and Russian; the light theme;
 * floating reactions without motion for those who ask for less. Screenshots in target/: join.png,
 * join-phone.png, join-de.png, join-ru-phone.png, room-light.png, join-light.png.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JoinPageBrowserTest {
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
  void a_room_link_says_where_it_leads_before_asking_a_name() throws Exception {
    URI base = stack.baseUri();
    Path out = BrowserSyncTest.outDir();
    String roomId = stack.createRoom("{\"name\":\"Friday film club\",\"mediaId\":\"" + stack.videoUrl() + "\"}");
    try (RoomPage bea = stack.chromium().newViewer("Bea").join(base, roomId);
        RoomPage cal = stack.chromium().newViewer("Cal").join(base, roomId);
        RoomPage desk = viewer("Dee", new Browser.NewContextOptions().setViewportSize(1280, 800).setColorScheme(ColorScheme.DARK));
        RoomPage phone = viewer("Eve", new Browser.NewContextOptions().setViewportSize(390, 844).setColorScheme(ColorScheme.DARK));
        RoomPage german = viewer("Fritz", new Browser.NewContextOptions().setViewportSize(1280, 800).setLocale("de-DE"));
        RoomPage russian = viewer("Ivan", new Browser.NewContextOptions().setViewportSize(390, 844).setLocale("ru-RU"))) {
      bea.clickPlayPause();
      bea.page().waitForTimeout(2_500);

      for (RoomPage v : new RoomPage[] {desk, phone}) {
        Page p = v.page();
        double before = stack.timeline(roomId).positionAt(System.currentTimeMillis());
        p.navigate(base.resolve("/r/" + roomId).toString());
        PlaywrightAssertions.assertThat(p.locator("#join-room-name")).hasText("Friday film club");
        PlaywrightAssertions.assertThat(p.locator(".join-owner")).hasText("Room of Host");
        PlaywrightAssertions.assertThat(p.locator(".join-playing"))
            .hasText(Pattern.compile("Playing sync-test\\.webm, at \\d+:\\d\\d"));
        // Where the room was while the page loaded (a slow machine took 8 s over the two pages: "0:0[1-9]" failed).
        double after = stack.timeline(roomId).positionAt(System.currentTimeMillis());
        assertThat(shownSeconds(p.locator(".join-playing").textContent())).as("the position the link's page shows, s")
            .isBetween((long) (before / 1000) - 1, (long) (after / 1000) + 1);
        PlaywrightAssertions.assertThat(p.locator(".join-present")).hasText("Here now (2): Bea, Cal");
        PlaywrightAssertions.assertThat(p.locator("#display-name")).isFocused();
      }
      desk.page().screenshot(new Page.ScreenshotOptions().setPath(out.resolve("join.png")).setFullPage(true));
      phone.page().screenshot(new Page.ScreenshotOptions().setPath(out.resolve("join-phone.png")).setFullPage(true));
      assertThat(horizontalOverflow(phone.page())).as("the phone page scrolls sideways").isFalse();

      german.page().navigate(base.resolve("/r/" + roomId).toString());
      PlaywrightAssertions.assertThat(german.page().locator(".join-present")).hasText("Gerade da (2): Bea, Cal");
      PlaywrightAssertions.assertThat(german.page().locator(".join-playing")).hasText(Pattern.compile("^Läuft: sync-test\\.webm"));
      german.page().screenshot(new Page.ScreenshotOptions().setPath(out.resolve("join-de.png")).setFullPage(true));
      russian.page().navigate(base.resolve("/r/" + roomId).toString());
      PlaywrightAssertions.assertThat(russian.page().locator(".join-present")).hasText("Сейчас здесь (2): Bea, Cal");
      russian.page().screenshot(new Page.ScreenshotOptions().setPath(out.resolve("join-ru-phone.png")).setFullPage(true));

      // Giving the name enters the room the link named.
      desk.page().locator("#display-name").fill("Dee");
      desk.page().keyboard().press("Enter");
      desk.awaitJoined(3);
      PlaywrightAssertions.assertThat(desk.page().locator("#participants")).containsText("Bea");
      for (RoomPage v : new RoomPage[] {bea, cal, desk, phone, german, russian}) {
        assertThat(v.problems()).as(v.name() + "'s page errors").noneMatch(s -> s.startsWith("page error"));
      }
    }
    assertThat(Files.size(out.resolve("join-phone.png"))).isGreaterThan(10_000);
  }

  @Test
  void the_light_theme_follows_the_system_and_reactions_keep_still_for_reduced_motion() throws Exception {
    URI base = stack.baseUri();
    Path out = BrowserSyncTest.outDir();
    String roomId = stack.createRoom("{\"name\":\"Daylight\",\"mediaId\":\"" + stack.videoUrl() + "\"}");
    try (RoomPage light = viewer("Lia", new Browser.NewContextOptions().setViewportSize(1280, 900)
            .setColorScheme(ColorScheme.LIGHT).setReducedMotion(ReducedMotion.REDUCE));
        RoomPage dark = viewer("Dan", new Browser.NewContextOptions().setViewportSize(1280, 900)
            .setColorScheme(ColorScheme.DARK).setReducedMotion(ReducedMotion.NO_PREFERENCE))) {
      light.page().navigate(base.resolve("/r/" + roomId).toString());
      PlaywrightAssertions.assertThat(light.page().locator("#join")).isVisible();
      light.page().screenshot(new Page.ScreenshotOptions().setPath(out.resolve("join-light.png")).setFullPage(true));
      light.join(base, roomId);
      dark.join(base, roomId);
      assertThat(light.page().evaluate("() => getComputedStyle(document.body.parentElement).backgroundColor"))
          .isEqualTo("rgb(244, 246, 249)");
      assertThat(dark.page().evaluate("() => getComputedStyle(document.body.parentElement).backgroundColor"))
          .isEqualTo("rgb(17, 20, 24)");

      light.page().locator(".reaction-bar button").first().click();
      String floating = ".reaction-float";
      PlaywrightAssertions.assertThat(light.page().locator(floating).first()).isVisible();
      PlaywrightAssertions.assertThat(dark.page().locator(floating).first()).isVisible();
      assertThat(light.page().evaluate("(s) => getComputedStyle(document.querySelector(s)).animationName", floating))
          .isEqualTo("reaction-fade");
      assertThat(dark.page().evaluate("(s) => getComputedStyle(document.querySelector(s)).animationName", floating))
          .isEqualTo("reaction-rise");
      light.page().locator("#chat-input").fill("Good morning");
      light.page().keyboard().press("Enter");
      PlaywrightAssertions.assertThat(light.page().locator("#chat-lines")).containsText("Good morning");
      light.page().screenshot(new Page.ScreenshotOptions().setPath(out.resolve("room-light.png")).setFullPage(true));
    }
  }

  private RoomPage viewer(String name, Browser.NewContextOptions options) {
    return stack.chromium().newViewer(name, options);
  }

  /** The seconds of "... at M:SS". */
  private static long shownSeconds(String text) {
    java.util.regex.Matcher m = Pattern.compile("at (\\d+):(\\d\\d)").matcher(text);
    assertThat(m.find()).as("a position in '%s'", text).isTrue();
    return Long.parseLong(m.group(1)) * 60 + Long.parseLong(m.group(2));
  }

  private static boolean horizontalOverflow(Page p) {
    return Boolean.TRUE.equals(p.evaluate("() => document.documentElement.scrollWidth > document.documentElement.clientWidth"));
  }
}
