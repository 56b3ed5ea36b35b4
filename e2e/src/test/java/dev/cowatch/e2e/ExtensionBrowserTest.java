package dev.cowatch.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.e2e.SiteServer.Site;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The extension in Debian's Chromium (two profiles, each with the built extension loaded) on the
 * project's test sites: for each kind of site, one viewer makes a room for the page in the popup,
 * the other joins by the link, and play, pause and seek from either side are followed by both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RunsAlone
class ExtensionBrowserTest {
  private static final long SEEK_TO_MS = 20_000;

  private E2eStack stack;
  private SiteServer sites;
  private Playwright playwright;
  private ExtensionViewer ann;
  private ExtensionViewer ben;

  @BeforeAll
  void start() throws Exception {
    stack = E2eStack.start();
    sites = SiteServer.start();
    playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    ann = ExtensionViewer.launch(playwright, "Ann");
    ben = ExtensionViewer.launch(playwright, "Ben");
  }

  @AfterAll
  void stop() {
    for (AutoCloseable c : new AutoCloseable[] {ann, ben, playwright, sites, stack}) {
      try {
        if (c != null) c.close();
      } catch (Exception ignored) {
        // best effort: the next one still closes
      }
    }
  }

  /** Both open {@code site}; Ann makes a room for it in the popup and Ben joins by its link. */
  private ExtensionRoom together(Site site) {
    String url = sites.url(site, stack.videoUrl());
    for (ExtensionViewer v : List.of(ann, ben)) {
      v.open(url);
      v.leaveIfInRoom(); // an earlier test that failed half way
      v.useServer(stack.baseUri());
    }
    String link = ann.createRoom();
    ben.join(link);
    ann.awaitBound();
    ben.awaitBound();
    return new ExtensionRoom(stack, ExtensionRoom.idOf(link), List.of(ann, ben));
  }

  @AfterEach
  void leaveBoth() {
    for (ExtensionViewer v : List.of(ann, ben)) v.leaveIfInRoom();
  }

  /** Play from one side, pause from the other, seek from the first: both follow every time. */
  private void followEachOther(ExtensionRoom room) {
    ben.play();
    room.awaitPlayingTogether();
    room.idle(500);
    ann.pause();
    room.awaitPausedTogether();
    ann.play();
    room.awaitPlayingTogether();
    double converged = room.seekFrom(ben, SEEK_TO_MS, 3_000);
    Round after = room.awaitPlayingTogether();
    assertThat(after.samples()).allSatisfy(s -> assertThat(s.positionMs()).isGreaterThan(SEEK_TO_MS - 500));
    assertThat(converged).as("seek converged").isLessThan(3_000);
  }

  @Test
  void plainVideo_bothFollowPlayPauseSeek_andAWebAppMemberToo() {
    ExtensionRoom room = together(Site.PLAIN);
    assertThat(ann.popup().locator("#room-state")).containsText("the page's video");
    followEachOther(room);
    ben.popup().locator("#chat-input").fill("Popcorn ready?");
    ben.popup().locator("#chat-input").press("Enter");
    assertThat(ann.popup().locator("#chat")).containsText("Ben: Popcorn ready?");

    RoomPage web = stack.chromium().newViewer("Cat").join(stack.baseUri(), room.roomId(), 0);
    try {
      web.awaitText("#toast", "This room watches a web page", 10_000); // and not a cryptic media error
      web.clickPlayPause(); // the room plays: the web-app member pauses it
      room.awaitPausedTogether();
      web.clickPlayPause();
      room.awaitPlayingTogether();
      ann.popup().locator("#members li", new Page.LocatorOptions().setHasText("Cat")).waitFor();
      assertThat(ann.popup().locator("#members").innerText()).contains("Ann (you)").contains("Ben");
    } finally {
      web.close();
    }
  }

  @Test
  void playerInsideShadowRoots_isFound() {
    followEachOther(together(Site.SHADOW));
  }

  @Test
  void playerInASameOriginIframe_isFound() {
    followEachOther(together(Site.IFRAME));
  }

  @Test
  void playerDrivenThroughItsOwnApi_isDrivenByTheSiteAdapter() {
    ExtensionRoom room = together(Site.API);
    assertThat(ben.popup().locator("#room-state")).containsText("the site's player");
    followEachOther(room);
    for (ExtensionViewer v : List.of(ann, ben)) {
      assertThat(((Number) v.site().evaluate("() => window.demoPlayer.reverts()")).intValue())
          .as(v.name() + "'s site undid no write: every command went through its API").isZero();
    }
  }

  @Test
  void anAdOnOneSide_makesTheRoomWait_andBothResumeOnTheNewVideo() {
    ExtensionRoom room = together(Site.AD);
    ben.play();
    room.awaitPlayingTogether();
    ann.site().evaluate("() => window.showAd(2000)");
    room.await("the room to wait for Ann's ad, Ben held", r -> r.timeline().state() == PlaybackState.WAITING
        && r.samples().get(1).paused(), 20);
    ann.popup().locator("#members li", new Page.LocatorOptions().setHasText("Ann")).filter(
        new com.microsoft.playwright.Locator.FilterOptions().setHasText("buffering")).waitFor();
    Round resumed = room.awaitPlayingTogether();
    assertThat(((Number) ann.site().evaluate("() => window.adBreaks")).intValue()).isEqualTo(1);
    assertThat(resumed.spreadMs()).isLessThanOrEqualTo(RoomSession.CONVERGED_MS);
    // The new <video> is the one followed now: a pause on it reaches Ben.
    ann.pause();
    room.awaitPausedTogether();
  }

  @Test
  void anAdTheSitesPlayerApiReports_makesTheRoomWait_inTheSameVideoElement() {
    ExtensionRoom room = together(Site.API);
    ben.play();
    room.awaitPlayingTogether();
    boolean knownAtOnce = (Boolean) ann.site().evaluate("() => { window.__e2eVideo = document.querySelector('video');"
        + " let told = false; addEventListener('cowatch:ad', (e) => { told = told || e.detail === true; });"
        + " window.showAd(2000); return told; }");
    assertThat(knownAtOnce).as("the ad known before the site's pause() returns, not only at its pause event, which a"
        + " read of the paused <video> may come before").isTrue();
    room.await("the room to wait for Ann's ad, Ben held", r -> r.timeline().state() == PlaybackState.WAITING
        && r.samples().get(1).paused(), 20);
    ann.popup().locator("#members li", new Page.LocatorOptions().setHasText("Ann")).filter(
        new com.microsoft.playwright.Locator.FilterOptions().setHasText("buffering")).waitFor();
    Round resumed = room.awaitPlayingTogether();
    assertThat(((Number) ann.site().evaluate("() => window.adBreaks")).intValue()).isEqualTo(1);
    assertThat((Boolean) ann.site().evaluate("() => window.__e2eVideo === document.querySelector('video')"))
        .as("the ad played in the same element: only the site's API told").isTrue();
    assertThat(resumed.spreadMs()).isLessThanOrEqualTo(RoomSession.CONVERGED_MS);
    assertThat(((Number) ann.site().evaluate("() => window.demoPlayer.reverts()")).intValue()).isZero();
  }

  @Test
  void signedInOnTheWebApp_theExtensionInThatProfileJoinsAsTheAccount() throws Exception {
    try (ExtensionViewer dora = ExtensionViewer.launch(playwright, "Dora")) {
      String email = "dora-" + System.nanoTime() + "@example.org";
      String registered = api("/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\"correct horse 12\",\"displayName\":\"Dorothea\"}");
      dora.open(sites.url(Site.PLAIN, stack.videoUrl()));
      dora.useServer(stack.baseUri());
      // Dora signs in on the web app in the same browser profile.
      Page web = dora.newTab(stack.baseUri().resolve("/signin").toString());
      web.locator("#signin-email").fill(email);
      web.locator("#signin-password").fill("correct horse 12");
      web.locator("#signin button[type=submit]").click();
      web.waitForURL(stack.baseUri().resolve("/").toString());
      // The extension's site script looks at the web app's session every second; the popup shows what it has then.
      long until = System.currentTimeMillis() + 15_000;
      while (dora.popup().locator("#identity").count() == 0 && System.currentTimeMillis() < until) {
        web.waitForTimeout(500);
        dora.popup().reload();
        dora.popup().locator("#name, #identity").first().waitFor();
      }
      assertThat(dora.popup().locator("#identity")).containsText("Signed in as Dorothea");
      String link = dora.createRoom();
      ben.open(sites.url(Site.PLAIN, stack.videoUrl()));
      ben.leaveIfInRoom();
      ben.useServer(stack.baseUri());
      ben.join(link);
      ben.popup().locator("#members li", new Page.LocatorOptions().setHasText("Dorothea")).waitFor();
      assertThat(ben.popup().locator("#members").innerText()).doesNotContain("Dora\n").contains("Dorothea");
      java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"user\":\\{\"id\":\"([^\"]+)\"").matcher(registered);
      assertThat(id.find()).as(registered).isTrue();
      assertThat(stack.room(ExtensionRoom.idOf(link)).roster().entry(new dev.cowatch.core.room.UserId(id.group(1))))
          .as("the account itself is the member, not a guest").isPresent();
      // Signed out on the web app: the extension is a guest again.
      web.evaluate("() => localStorage.removeItem('cowatch.session')");
      dora.popup().locator("#leave").click();
      until = System.currentTimeMillis() + 15_000;
      while (dora.popup().locator("#name").count() == 0 && System.currentTimeMillis() < until) {
        web.waitForTimeout(500);
        dora.popup().reload();
        dora.popup().locator("#name, #identity").first().waitFor();
      }
      assertThat(dora.popup().locator("#name")).isVisible();
      ben.leaveIfInRoom();
    }
  }

  @Test
  void aRoomLinkOfAWebPage_offersToOpenThePage_andBindsItsVideo_orExplainsWithoutTheExtension() {
    String page = sites.url(Site.PLAIN, stack.videoUrl());
    ann.open(page);
    ann.leaveIfInRoom();
    ann.useServer(stack.baseUri());
    String link = ann.createRoom();
    ann.awaitBound();

    // Ben opens the room link in his browser, which has the extension: the room page offers the page.
    Page roomPage = ben.newTab(link);
    roomPage.locator("#display-name").fill("Ben");
    roomPage.locator("#name-form button[type=submit]").click();
    roomPage.locator("#open-web-page").waitFor();
    assertThat(roomPage.locator("#open-web-page")).containsText("Open 127.0.0.1 and watch together");
    Path out = Path.of(System.getProperty("cowatch.e2e.out", "target"));
    roomPage.screenshot(new Page.ScreenshotOptions().setPath(out.resolve("web-page-room-with-extension.png")));
    Page opened = ben.context().waitForPage(() -> roomPage.locator("#open-web-page").click());
    assertThat(roomPage.locator("#web-page-note")).containsText("its video follows this room");
    ben.follow(opened);
    ben.awaitBound();
    ExtensionRoom room = new ExtensionRoom(stack, ExtensionRoom.idOf(link), List.of(ann, ben));
    ann.play();
    room.awaitPlayingTogether();
    ben.pause();
    room.awaitPausedTogether();
    roomPage.close();

    // Without the extension: what the room is, and how to install the extension.
    RoomPage plain = stack.chromium().newViewer("Cat").join(stack.baseUri(), room.roomId(), 0);
    try {
      plain.page().locator("#web-page-text").waitFor();
      assertThat(plain.page().locator("#web-page")).containsText("127.0.0.1");
      assertThat(plain.page().locator("#open-web-page")).hasCount(0);
      plain.page().locator("#extension-help summary").click();
      assertThat(plain.page().locator("#extension-help")).containsText("chrome://extensions");
      plain.page().screenshot(new Page.ScreenshotOptions().setPath(out.resolve("web-page-room-without-extension.png")));
    } finally {
      plain.close();
    }
  }

  private String api(String path, String json) throws Exception {
    var res = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(stack.baseUri().resolve(path))
        .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).as(res.body()).isBetween(200, 299);
    return res.body();
  }

  @Test
  void aMemberOnAnotherPage_isToldAndItsVideoLeftAlone() {
    ExtensionRoom room = together(Site.PLAIN);
    ben.open(sites.url(Site.SHADOW, stack.videoUrl())); // the background binds the tab again after the navigation
    Page popup = ben.popup();
    popup.locator("#other-page").waitFor();
    assertThat(popup.locator("#other-page").innerText()).contains("plain.html");
    assertThat(ben.site().locator("cowatch-notice").count()).isEqualTo(1);
    ann.play();
    ben.idle(1_500);
    assertThat((Boolean) ben.site().evaluate("() => " + ExtensionViewer.FIND_VIDEO + ".paused")).as("Ben's other video stays paused").isTrue();
    assertThat(room.timeline().state()).isEqualTo(PlaybackState.PLAYING);
    Path out = Path.of(System.getProperty("cowatch.e2e.out", "target"));
    ben.site().screenshot(new Page.ScreenshotOptions().setPath(out.resolve("extension-notice.png")));
    ann.popup().screenshot(new Page.ScreenshotOptions().setPath(out.resolve("extension-popup.png")).setFullPage(true));
    popup.locator("#open-room-page").click();
    ben.site().waitForURL("**/plain.html?**");
    ben.awaitBound();
    room.awaitPlayingTogether();
  }
}
