package dev.cowatch.e2e.webdriver;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's Firefox ESR, headless, with a profile of its own (so its own storage: one viewer per
 * instance), driven over WebDriver BiDi. Its profile lets video play without a click, as the
 * Chromium tests' flag does.
 */
public final class Firefox implements AutoCloseable {
  /** Where Debian installs it; {@code COWATCH_FIREFOX} overrides. */
  public static final Path DEFAULT_PATH = Path.of("/usr/bin/firefox-esr");
  private static final Duration STARTUP = Duration.ofSeconds(30);
  private static final String PREFS = """
      user_pref("media.autoplay.default", 0);
      user_pref("media.autoplay.blocking_policy", 0);
      user_pref("browser.shell.checkDefaultBrowser", false);
      user_pref("datareporting.policy.dataSubmissionEnabled", false);
      user_pref("app.update.disabledForTesting", true);
      user_pref("browser.aboutwelcome.enabled", false);
      """;

  private final Process process;
  private final Path profile;
  private final BidiSession page;

  private Firefox(Process process, Path profile, BidiSession page) {
    this.process = process;
    this.profile = profile;
    this.page = page;
  }

  public static Firefox start() throws IOException {
    String exe = System.getenv().getOrDefault("COWATCH_FIREFOX", DEFAULT_PATH.toString());
    Path profile = Files.createTempDirectory("cowatch-firefox");
    Files.writeString(profile.resolve("user.js"), PREFS);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process p = new ProcessBuilder(exe, "--headless", "--no-remote", "--profile", profile.toString(),
        "--remote-debugging-port=" + port, "--window-size=1280,800", "about:blank")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      Launch.awaitListening(port, p, STARTUP, "Firefox");
      return new Firefox(p, profile, BidiSession.open(URI.create("ws://127.0.0.1:" + port + "/session")));
    } catch (IOException | RuntimeException e) {
      p.destroyForcibly();
      deleteTree(profile);
      throw e;
    }
  }

  /** The browser's tab. */
  public BidiSession page() {
    return page;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // A temporary profile left behind: /tmp is cleaned anyway.
    }
  }

  @Override
  public void close() {
    page.close();
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deleteTree(profile);
  }
}
