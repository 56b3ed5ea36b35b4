package dev.cowatch.e2e;

import com.microsoft.playwright.Page;
import java.net.URI;

/** Making accounts the way people do: through the web app's pages. */
public final class Accounts {
  /** The password every test account gets: long enough for the server's rules. */
  public static final String PASSWORD = "popcorn and a film";

  private Accounts() {}

  /** Signs up on the sign-up page and waits for the account page it leads to. */
  public static void signUp(Page page, URI base, String name, String email) {
    page.navigate(base.resolve("/signup").toString());
    page.locator("#signup-displayName").fill(name);
    page.locator("#signup-email").fill(email);
    page.locator("#signup-password").fill(PASSWORD);
    page.locator("#signup button[type=submit]").click();
    page.waitForURL("**/me");
  }
}
