package dev.cowatch.e2e.webdriver;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * WebKit, Safari's engine, as Debian ships it: WebKitGTK's MiniBrowser driven by WebKitWebDriver,
 * on a virtual X display of its own (WebKitGTK has no headless mode). Video plays through
 * GStreamer. One driver and display per instance; each {@link #open()} is a new browser window
 * with its own storage.
 */
public final class WebKit implements AutoCloseable {
  public static final Path DRIVER = Path.of("/usr/bin/WebKitWebDriver");
  private static final Duration STARTUP = Duration.ofSeconds(20);

  private final Xvfb xvfb;
  private final Process driver;
  private final URI driverUri;

  private WebKit(Xvfb xvfb, Process driver, URI driverUri) {
    this.xvfb = xvfb;
    this.driver = driver;
    this.driverUri = driverUri;
  }

  public static WebKit start() throws IOException {
    if (!Files.isExecutable(DRIVER)) throw new IllegalStateException(DRIVER + " is missing: scripts/install-tools.sh --all");
    Xvfb xvfb = Xvfb.start();
    Process driver = null;
    try {
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      ProcessBuilder pb = new ProcessBuilder(DRIVER.toString(), "--port=" + port, "--host=127.0.0.1")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
      pb.environment().put("DISPLAY", xvfb.display());
      // No accelerated compositing on a virtual display without a GPU.
      pb.environment().put("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
      driver = pb.start();
      Launch.awaitListening(port, driver, STARTUP, "WebKitWebDriver");
      return new WebKit(xvfb, driver, URI.create("http://127.0.0.1:" + port));
    } catch (IOException | RuntimeException e) {
      if (driver != null) driver.destroyForcibly();
      xvfb.close();
      throw e;
    }
  }

  /** A new browser window (MiniBrowser, automation mode, its own storage) that may play video without a click. */
  public WebDriverSession open() throws IOException {
    Map<String, Object> caps = Map.of(
        "browserName", "MiniBrowser",
        "webkitgtk:browserOptions", Map.of(
            "binary", miniBrowser().toString(),
            "args", List.of("--automation", "--ignore-tls-errors")));
    WebDriverSession s = WebDriverSession.open(driverUri, caps);
    s.timeouts(30_000, 30_000, 15_000);
    return s;
  }

  /** Debian's MiniBrowser, under the machine's own library folder (x86_64-linux-gnu, aarch64-linux-gnu, ...). */
  private static Path miniBrowser() throws IOException {
    try (var dirs = Files.newDirectoryStream(Path.of("/usr/lib"), "*-linux-gnu*")) {
      for (Path d : dirs) {
        Path b = d.resolve("webkit2gtk-4.1/MiniBrowser");
        if (Files.isExecutable(b)) return b;
      }
    }
    throw new IOException("no /usr/lib/*/webkit2gtk-4.1/MiniBrowser: scripts/install-tools.sh --all");
  }

  @Override
  public void close() {
    driver.destroy();
    try {
      if (!driver.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) driver.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    xvfb.close();
  }
}
