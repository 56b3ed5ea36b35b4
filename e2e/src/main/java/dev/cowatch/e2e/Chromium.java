package dev.cowatch.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium, headless, driven by Playwright (whose own browser download stays off). One
 * browser; every viewer gets its own context (own storage, so its own member and resume token).
 * Playwright is not thread-safe: use an instance from one thread only.
 */
public final class Chromium implements AutoCloseable {
  /** Where Debian installs it; {@code COWATCH_CHROMIUM} overrides. */
  public static final Path DEFAULT_PATH = Paths.get("/usr/bin/chromium");

  static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--autoplay-policy=no-user-gesture-required");

  private final Playwright playwright;
  private final Browser browser;

  private Chromium(Path executable) {
    this.playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    try {
      this.browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
          .setExecutablePath(executable).setHeadless(true).setArgs(ARGS));
    } catch (RuntimeException e) {
      playwright.close();
      throw e;
    }
  }

  public static Chromium launch() {
    String override = System.getenv("COWATCH_CHROMIUM");
    Path executable = override == null || override.isBlank() ? DEFAULT_PATH : Paths.get(override);
    if (!Files.isExecutable(executable)) {
      throw new IllegalStateException("no Chromium at " + executable + ": run scripts/install-tools.sh chromium"
          + " (or set COWATCH_CHROMIUM to a Chromium binary)");
    }
    return new Chromium(executable);
  }

  public String version() {
    return browser.version();
  }

  /** A fresh viewer (new context) with a page of this size. */
  public RoomPage newViewer(String name, int width, int height) {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height));
    return new RoomPage(name, context, context.newPage());
  }

  /** A fresh viewer whose browser lives in time zone {@code timezoneId} (an IANA name such as Europe/Berlin). */
  public RoomPage newViewer(String name, int width, int height, String timezoneId) {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height)
        .setTimezoneId(timezoneId));
    return new RoomPage(name, context, context.newPage());
  }

  /** A fresh viewer with these context options (colour scheme, reduced motion, viewport ...). */
  public RoomPage newViewer(String name, Browser.NewContextOptions options) {
    BrowserContext context = browser.newContext(options);
    return new RoomPage(name, context, context.newPage());
  }

  public RoomPage newViewer(String name) {
    return newViewer(name, 1280, 800);
  }

  @Override
  public void close() {
    try {
      browser.close();
    } finally {
      playwright.close();
    }
  }
}
