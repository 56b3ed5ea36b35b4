package dev.cowatch.e2e.webdriver;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Chromium as people run it, driven by Debian's ChromeDriver over W3C WebDriver: its tabs share a window, so a
 * tab behind another is hidden and its timers are throttled, as in the Chromium on people's desks (Playwright keeps
 * every page it drives focused and visible, and its timers at full speed). One driver per instance; each
 * {@link #open} is a new browser with its own profile: headless, or drawn on a virtual display (picture-in-picture
 * needs a screen: headless Chromium opens no such window).
 */
public final class ChromeDriver implements AutoCloseable {
  public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration STARTUP = Duration.ofSeconds(20);

  private final Process driver;
  private final URI driverUri;
  /** The display its browsers are drawn on; null: headless. */
  private final Xvfb screen;

  private ChromeDriver(Process driver, URI driverUri, Xvfb screen) {
    this.driver = driver;
    this.driverUri = driverUri;
    this.screen = screen;
  }

  public static ChromeDriver start() throws IOException {
    return start(null);
  }

  /** Its browsers drawn on a virtual display of their own, as on a desk. */
  public static ChromeDriver startOnScreen() throws IOException {
    Xvfb screen = Xvfb.start();
    try {
      return start(screen);
    } catch (IOException | RuntimeException e) {
      screen.close();
      throw e;
    }
  }

  private static ChromeDriver start(Xvfb screen) throws IOException {
    if (!Files.isExecutable(DRIVER)) throw new IllegalStateException(DRIVER + " is missing: scripts/install-tools.sh --all");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ProcessBuilder pb = new ProcessBuilder(DRIVER.toString(), "--port=" + port, "--allowed-ips=127.0.0.1")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    if (screen != null) pb.environment().put("DISPLAY", screen.display());
    Process driver = pb.start();
    Launch.awaitListening(port, driver, STARTUP, "chromedriver");
    return new ChromeDriver(driver, URI.create("http://127.0.0.1:" + port), screen);
  }

  /**
   * A new Chromium with {@code args} beside the usual test flags, that may play video without a click: headless, or
   * on the driver's screen.
   */
  public WebDriverSession open(List<String> args) throws IOException {
    // On a screen the window leaves its bottom-right corner free, where Chromium opens a picture-in-picture window
    // (284x160 at +980+624 on the 1280x800 screen): without a window manager nothing keeps that window on top.
    List<String> all = new ArrayList<>(screen == null ? List.of("--headless=new", "--window-size=1280,800")
        : List.of("--window-size=960,600", "--window-position=0,0"));
    all.addAll(List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--autoplay-policy=no-user-gesture-required"));
    all.addAll(args);
    WebDriverSession s = WebDriverSession.open(driverUri, Map.of("browserName", "chrome",
        "goog:chromeOptions", Map.of("binary", "/usr/bin/chromium", "args", all)));
    s.timeouts(30_000, 30_000, 15_000);
    return s;
  }

  /** The screen its browsers are drawn on (empty: headless). */
  public java.util.Optional<Xvfb> screen() {
    return java.util.Optional.ofNullable(screen);
  }

  @Override
  public void close() {
    driver.destroy();
    try {
      if (!driver.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) driver.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      driver.destroyForcibly();
    }
    if (screen != null) screen.close();
  }
}
