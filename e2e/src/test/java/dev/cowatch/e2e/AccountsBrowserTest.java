package dev.cowatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.SelectOption;
import dev.cowatch.core.room.Visibility;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Accounts, a private room and an invite, clicked through in the browser against the real server:
 * Ann signs up, creates a room, makes it private and creates an invite; Ben opens the invite on a
 * phone, signs up and lands in the room beside Ann; a stranger with the plain room link is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountsBrowserTest {
  private static final String CONNECTED = "() => !!window.__cowatch && window.__cowatch.client.state === 'connected'";

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
  void signUp_privateRoom_invite_strangerRefused() throws Exception {
    URI base = stack.baseUri();
    Path out = BrowserSyncTest.outDir();
    try (RoomPage ann = stack.chromium().newViewer("Ann");
        RoomPage ben = stack.chromium().newViewer("Ben", 390, 844);
        RoomPage stranger = stack.chromium().newViewer("Cy")) {
      // Ann signs up with email and password.
      Page a = ann.page();
      a.navigate(base.resolve("/signup").toString());
      signUp(a, "Ann", "ann@example.org", "popcorn and a film");
      a.screenshot(new Page.ScreenshotOptions().setPath(out.resolve("signup.png")).setFullPage(true));
      a.locator("#signup button[type=submit]").click();
      a.waitForURL("**/me");
      PlaywrightAssertions.assertThat(a.locator("#nav-me")).containsText("Ann");

      // She creates a room from the home page and makes it private.
      a.navigate(base.resolve("/").toString());
      PlaywrightAssertions.assertThat(a.locator("#your-name")).hasCount(0); // signed in: no nickname asked
      a.locator("#room-name").fill("Private film");
      a.locator("#room-url").fill(stack.videoUrl());
      a.locator("#create-room button[type=submit]").click();
      a.waitForURL(Pattern.compile(".*/r/[A-Za-z0-9_-]+$"));
      String roomId = a.url().substring(a.url().lastIndexOf('/') + 1);
      a.waitForFunction(CONNECTED);
      a.locator("#settings-panel summary").click();
      a.locator("#settings-visibility").selectOption(new SelectOption().setValue("private"));
      a.locator("#settings-save").click();
      PlaywrightAssertions.assertThat(a.locator("#settings-form .ok")).containsText("saved");
      assertThat(stack.room(roomId).settings().visibility()).isEqualTo(Visibility.PRIVATE);

      // An invite link, with its QR code.
      a.locator("#invites-panel summary").click();
      a.locator("#invite-create").click();
      String inviteUrl = a.locator(".invite-url").first().inputValue();
      assertThat(inviteUrl).contains("/i/");
      a.locator(".invite-item button[aria-expanded]").first().click();
      PlaywrightAssertions.assertThat(a.locator(".invite-item .qr svg")).isVisible();
      a.screenshot(new Page.ScreenshotOptions().setPath(out.resolve("room-settings.png")).setFullPage(true));

      // Ben opens the invite (same path on this server, whatever public URL the link names) and signs up.
      Page b = ben.page();
      b.navigate(base.resolve(URI.create(inviteUrl).getRawPath()).toString());
      PlaywrightAssertions.assertThat(b.locator("#invite-card")).containsText("Private film");
      b.screenshot(new Page.ScreenshotOptions().setPath(out.resolve("invite.png")).setFullPage(true));
      b.locator("#invite-signup").click();
      signUp(b, "Ben", "ben@example.org", "a good seat near the screen");
      b.locator("#signup button[type=submit]").click();
      b.waitForURL("**/r/" + roomId);
      b.waitForFunction(CONNECTED);

      // Both see each other.
      PlaywrightAssertions.assertThat(a.locator("#participants")).containsText("Ben");
      PlaywrightAssertions.assertThat(b.locator("#participants")).containsText("Ann");
      b.screenshot(new Page.ScreenshotOptions().setPath(out.resolve("invite-joined-phone.png")).setFullPage(true));

      // A stranger with only the room link is told before any name is asked that an invite is needed,
      // and sees nothing of who is inside, nor what the room is called (docs/api.md, "What strangers see").
      Page c = stranger.page();
      c.navigate(base.resolve("/r/" + roomId).toString());
      PlaywrightAssertions.assertThat(c.locator("#join-room-name")).hasText(roomId);
      PlaywrightAssertions.assertThat(c.locator("#join")).not().containsText("Private film");
      PlaywrightAssertions.assertThat(c.locator("#join-need")).containsText("private");
      PlaywrightAssertions.assertThat(c.locator("#display-name")).hasCount(0);
      PlaywrightAssertions.assertThat(c.locator("#join")).not().containsText("Ann");
      c.screenshot(new Page.ScreenshotOptions().setPath(out.resolve("refused.png")).setFullPage(true));
      assertThat(stack.room(roomId).members()).as("sessions in the room").hasSize(2);

      for (RoomPage p : new RoomPage[] {ann, ben, stranger}) {
        assertThat(p.problems()).as(p.name() + "'s page errors").noneMatch(s -> s.startsWith("page error"));
      }
    }
    assertThat(Files.size(out.resolve("room-settings.png"))).isGreaterThan(10_000);
  }

  /**
   * A guest owner puts a password on the room; a visitor is asked for it (a wrong one is refused),
   * gets in, is kicked (and asked for the password again), then banned for good.
   */
  @Test
  void passwordRoom_kick_ban() throws Exception {
    URI base = stack.baseUri();
    Path out = BrowserSyncTest.outDir();
    try (RoomPage owner = stack.chromium().newViewer("Owner");
        RoomPage visitor = stack.chromium().newViewer("Vic")) {
      Page a = owner.page();
      a.navigate(base.resolve("/").toString());
      a.locator("#your-name").fill("Owner"); // nobody signed in: the name makes a guest
      a.locator("#room-name").fill("Locked room");
      a.locator("#create-room button[type=submit]").click();
      a.waitForURL(Pattern.compile(".*/r/[A-Za-z0-9_-]+$"));
      String roomId = a.url().substring(a.url().lastIndexOf('/') + 1);
      a.waitForFunction(CONNECTED);
      a.locator("#settings-panel summary").click();
      a.locator("#settings-password").fill("open sesame 1");
      a.locator("#settings-save").click();
      PlaywrightAssertions.assertThat(a.locator("#settings-clear-password")).isVisible();
      assertThat(stack.room(roomId).settings().passwordProtected()).isTrue();

      Page v = visitor.page();
      v.navigate(base.resolve("/r/" + roomId).toString());
      // The join page asks for the password beside the name, before anyone enters.
      PlaywrightAssertions.assertThat(v.locator("#join-need")).containsText("password");
      v.locator("#display-name").fill("Vic");
      v.locator("#join-password").fill("not the password");
      v.locator("#name-form button[type=submit]").click();
      PlaywrightAssertions.assertThat(v.locator("#name-form .error")).containsText("wrong");
      v.screenshot(new Page.ScreenshotOptions().setPath(out.resolve("room-password.png")).setFullPage(true));
      v.locator("#join-password").fill("open sesame 1");
      v.locator("#name-form button[type=submit]").click();
      v.waitForFunction(CONNECTED);
      PlaywrightAssertions.assertThat(a.locator("#participants")).containsText("Vic");

      a.locator("#members-panel summary").click();
      // The owner sees the room's sync line, from the players' own health reports (each page reports once its
      // clock is synced, then every 5 s; the line is read again with each presence).
      PlaywrightAssertions.assertThat(a.locator("#sync-figures")).containsText(Pattern.compile(
          "In sync: [12] of [12] within 20 ms · median \\d+ ms · worst \\d+ ms"),
          new LocatorAssertions.ContainsTextOptions().setTimeout(20_000));
      PlaywrightAssertions.assertThat(v.locator("#sync-figures")).isHidden();
      a.screenshot(new Page.ScreenshotOptions().setPath(out.resolve("members-sync.png")).setFullPage(true));
      a.locator("#members li[data-user] button", new Page.LocatorOptions().setHasText("Kick")).click();
      PlaywrightAssertions.assertThat(v.locator("#refusal")).hasAttribute("data-refusal", "kicked");
      v.locator("#enter-again").click();
      enterPassword(v, "open sesame 1");
      v.waitForFunction(CONNECTED);

      a.onDialog(dialog -> dialog.accept()); // "Ban Vic from this room?"
      a.locator("#members li[data-user] button", new Page.LocatorOptions().setHasText("Ban")).click();
      PlaywrightAssertions.assertThat(v.locator("#refusal")).hasAttribute("data-refusal", "banned");
      PlaywrightAssertions.assertThat(a.locator("#bans")).containsText("Vic");
      v.reload(); // banned stays banned
      PlaywrightAssertions.assertThat(v.locator("#refusal")).hasAttribute("data-refusal", "banned");
      for (RoomPage p : new RoomPage[] {owner, visitor}) {
        assertThat(p.problems()).as(p.name() + "'s page errors").noneMatch(s -> s.startsWith("page error"));
      }
    }
  }

  private static void enterPassword(Page page, String password) {
    page.locator("#room-password-password").fill(password);
    page.locator("#room-password button[type=submit]").click();
  }

  private static void signUp(Page page, String name, String email, String password) {
    page.locator("#signup-displayName").fill(name);
    page.locator("#signup-email").fill(email);
    page.locator("#signup-password").fill(password);
  }
}
