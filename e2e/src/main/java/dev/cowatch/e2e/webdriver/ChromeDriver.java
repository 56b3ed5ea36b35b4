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
 * {@link #open()} is a new headless browser with its own profile.
 */
public final class ChromeDriver implements AutoCloseable {
  public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration STARTUP = Duration.ofSeconds(20);

  private final Process driver;
  private final URI driverUri;

  private ChromeDriver(Process driver, URI driverUri) {
    this.driver = driver;
    this.driverUri = driverUri;
  }

  public static ChromeDriver start() throws IOException {
    if (!Files.isExecutable(DRIVER)) throw new IllegalStateException(DRIVER + " is missing: scripts/install-tools.sh --all");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process driver = new ProcessBuilder(DRIVER.toString(), "--port=" + port, "--allowed-ips=127.0.0.1")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    Launch.awaitListening(port, driver, STARTUP, "chromedriver");
    return new ChromeDriver(driver, URI.create("http://127.0.0.1:" + port));
  }

  /** A new headless Chromium with {@code args} beside the usual test flags, that may play video without a click. */
  public WebDriverSession open(List<String> args) throws IOException {
    List<String> all = new ArrayList<>(List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--autoplay-policy=no-user-gesture-required", "--window-size=1280,800"));
    all.addAll(args);
    WebDriverSession s = WebDriverSession.open(driverUri, Map.of("browserName", "chrome",
        "goog:chromeOptions", Map.of("binary", "/usr/bin/chromium", "args", all)));
    s.timeouts(30_000, 30_000, 15_000);
    return s;
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
  }
}
