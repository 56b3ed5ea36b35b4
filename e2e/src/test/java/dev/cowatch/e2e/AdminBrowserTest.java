package dev.cowatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.UserId;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The admin page in Chromium against the real server: Ada, made an administrator as {@code ./cowatch admin
 * grant} does, finds the Admin link, posts a notice that Bea's room page shows at once (over its socket),
 * sees Bea's room live with her in it, bans an account, reads the verified audit log (screenshot
 * admin.png), and closes the room: Bea is told the administrators closed it and dismisses the notice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminBrowserTest {
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
  void adminPage_notice_liveRoom_ban_audit_close() throws Exception {
    URI base = stack.baseUri();
    Path out = BrowserSyncTest.outDir();
    String roomId = stack.createRoom("{\"name\":\"Friday film club\",\"mediaId\":\"" + stack.videoUrl() + "\"}");
    try (RoomPage ada = stack.chromium().newViewer("Ada"); RoomPage bea = stack.chromium().newViewer("Bea")) {
      Page a = ada.page();
      a.navigate(base.resolve("/signup").toString());
      a.locator("#signup-displayName").fill("Ada");
      a.locator("#signup-email").fill("ada@example.org");
      a.locator("#signup-password").fill("the site is mine to keep");
      a.locator("#signup button[type=submit]").click();
      a.waitForURL("**/me");
      a.waitForTimeout(500);
      // Not an administrator yet: no Admin link, and the nav's question answered without an error in the console.
      PlaywrightAssertions.assertThat(a.locator("#nav-admin")).hasCount(0);
      assertThat(ada.problems()).as("Ada's console before she administers anything").isEmpty();
      UserId adaId = stack.server().accounts().services().findUser("ada@example.org").orElseThrow().id();
      stack.server().accounts().services().standing().grantAdmin(adaId, System.currentTimeMillis());
      a.reload();
      a.locator("#nav-admin").click();
      a.waitForURL("**/admin");

      bea.join(base, roomId);
      Page b = bea.page();

      a.locator("#admin-notice-text").fill("Cowatch restarts for an update at 22:00 UTC, back within a minute.");
      a.locator("#admin-notice-minutes").fill("90");
      a.locator("#admin-notice button[type=submit]").click();
      PlaywrightAssertions.assertThat(a.locator("#admin-notices-list")).containsText("restarts for an update");
      PlaywrightAssertions.assertThat(b.locator("#site-notices .site-notice")).containsText("restarts for an update",
          new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(3_000));

      // The live room, with Bea in it, on the next refresh (every 5 s).
      PlaywrightAssertions.assertThat(a.locator("#admin-rooms tr[data-room='" + roomId + "']")).containsText("Bea",
          new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(10_000));

      // A ban through the form, by email.
      String spammer = register("Spam Bot", "spam@example.org");
      a.locator("#admin-ban-user").fill("spam@example.org");
      a.locator("#admin-ban-reason").fill("posting scam links in chat");
      a.locator("#admin-ban button[type=submit]").click();
      PlaywrightAssertions.assertThat(a.locator("#admin-bans-list li[data-user='" + spammer + "']"))
          .containsText("posting scam links in chat");
      a.reload();
      PlaywrightAssertions.assertThat(a.locator("#admin-audit-verification")).containsText("intact");
      PlaywrightAssertions.assertThat(a.locator("#admin-audit")).containsText("ACCOUNT_BANNED");
      PlaywrightAssertions.assertThat(a.locator("#admin-rooms tr[data-room='" + roomId + "']")).containsText("Bea",
          new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(10_000));
      a.screenshot(new Page.ScreenshotOptions().setPath(out.resolve("admin.png")).setFullPage(true));
      b.screenshot(new Page.ScreenshotOptions().setPath(out.resolve("admin-notice-in-room.png")));

      // Closing the room: Bea is told why, and the room is gone.
      a.locator("#admin-rooms form[data-room='" + roomId + "'] input").fill("the film club moved elsewhere");
      a.locator("#admin-rooms form[data-room='" + roomId + "'] button").click();
      PlaywrightAssertions.assertThat(b.locator("#refusal-message")).containsText("administrators closed this room");
      assertThat(stack.server().rooms().service().find(new RoomId(roomId))).isEmpty();
      b.screenshot(new Page.ScreenshotOptions().setPath(out.resolve("admin-room-closed.png")));

      // The notice can be dismissed, and stays dismissed on the next page.
      b.locator("#site-notices .site-notice button").click();
      PlaywrightAssertions.assertThat(b.locator("#site-notices .site-notice")).hasCount(0);
      b.navigate(base.resolve("/").toString());
      b.waitForTimeout(500);
      PlaywrightAssertions.assertThat(b.locator("#site-notices .site-notice")).hasCount(0);

      for (RoomPage p : new RoomPage[] {ada, bea}) {
        assertThat(p.problems()).as(p.name() + "'s page errors").noneMatch(s -> s.startsWith("page error"));
      }
    }
    assertThat(Files.size(out.resolve("admin.png"))).isGreaterThan(20_000);
  }

  /** An account made through the API; returns its user id. */
  private String register(String name, String email) throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    var res = http.send(java.net.http.HttpRequest.newBuilder(stack.baseUri().resolve("/api/auth/register"))
        .header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email
            + "\",\"password\":\"correct horse battery\",\"displayName\":\"" + name + "\"}")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).isEqualTo(201);
    return stack.server().accounts().services().findUser(email).orElseThrow().id().value();
  }
}
