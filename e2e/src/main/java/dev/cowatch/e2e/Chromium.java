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

  static final List<String> COMMON_ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync");
  /** What the tests mostly use: pages may play without a click, so a test need not click for each. */
  static final List<String> ARGS = with(COMMON_ARGS, "--autoplay-policy=no-user-gesture-required");
  /**
   * Chromium's normal autoplay rules (no flag): a page may not start a video with sound before the
   * person clicked in it (or in the same site's page before it). Note that Playwright evaluates
   * scripts in a page as a user gesture: one {@code page.evaluate} lets that page play.
   */
  static final List<String> NORMAL_AUTOPLAY_ARGS = COMMON_ARGS;

  /** The browser of {@link #shared()}, started once per JVM. */
  private static Chromium shared;

  private final Playwright playwright;
  private final Browser browser;
  private final boolean isShared;

  private Chromium(Path executable, List<String> args) {
    this(executable, args, Map.of(), false);
  }

  private Chromium(Path executable, List<String> args, Map<String, String> env) {
    this(executable, args, env, false);
  }

  private Chromium(Path executable, List<String> args, Map<String, String> env, boolean isShared) {
    this(executable, args, env, isShared, false);
  }

  /** @param audible false: with Playwright's --mute-audio, which keeps the tests' films out of any sound server */
  private Chromium(Path executable, List<String> args, Map<String, String> env, boolean isShared, boolean audible) {
    this.isShared = isShared;
    this.playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    try {
      BrowserType.LaunchOptions options = new BrowserType.LaunchOptions()
          .setExecutablePath(executable).setHeadless(true).setArgs(args).setEnv(env);
      if (audible) options.setIgnoreDefaultArgs(List.of("--mute-audio"));
      this.browser = playwright.chromium().launch(options);
    } catch (RuntimeException e) {
      playwright.close();
      throw e;
    }
  }

  public static Chromium launch() {
    return new Chromium(executable(), ARGS);
  }

  /**
   * One browser with {@link #launch()}'s flags for every test class of this JVM that needs nothing else: starting
   * Playwright's driver and Chromium cost every class a second or two. Its {@link #close()} closes the contexts the
   * class opened (each viewer's storage goes with its context) and keeps the browser; a browser that died is
   * started again. Stopped when the JVM ends.
   */
  public static synchronized Chromium shared() {
    if (shared == null || !shared.browser.isConnected()) {
      if (shared != null) shared.playwright.close();
      Chromium started = new Chromium(executable(), ARGS, Map.of(), true);
      if (shared == null) Runtime.getRuntime().addShutdownHook(new Thread(Chromium::closeShared));
      shared = started;
    }
    return shared;
  }

  private static synchronized void closeShared() {
    if (shared == null) return;
    try {
      shared.browser.close();
    } finally {
      shared.playwright.close();
    }
  }

  /**
   * A browser that plays its sound into a PulseAudio server and hears with its microphone there ({@code pulseEnv}:
   * PULSE_SERVER, and PULSE_SINK / PULSE_SOURCE for the devices; {@link PulseAudio}); its permission prompts say yes.
   */
  public static Chromium launchWithSound(Map<String, String> pulseEnv) {
    return new Chromium(executable(), with(ARGS, "--use-fake-ui-for-media-stream"), pulseEnv, false, true);
  }

  /** A browser that keeps Chromium's normal autoplay rules (no video with sound before a click in the page). */
  public static Chromium launchWithNormalAutoplay() {
    return new Chromium(executable(), NORMAL_AUTOPLAY_ARGS);
  }

  /**
   * A browser inside {@code ns} (WebRTC needs an interface beyond loopback), talking to Playwright over
   * its pipe, which crosses namespaces. {@code appOrigin} (http://10.231.x.1:port) counts as secure, as
   * HTTPS would in production: service workers and Web Crypto need a secure origin. Host candidates are
   * plain addresses, not mDNS names, which nothing in the namespace would resolve.
   */
  public static Chromium launchIn(NetNamespace ns, String appOrigin) {
    return launchIn(ns, appOrigin, List.of());
  }

  /** As {@link #launchIn(NetNamespace, String)}, with more flags (e.g. a fake microphone). */
  public static Chromium launchIn(NetNamespace ns, String appOrigin, List<String> moreArgs) {
    List<String> args = new java.util.ArrayList<>(ARGS);
    args.addAll(moreArgs);
    args.add("--unsafely-treat-insecure-origin-as-secure=" + appOrigin);
    args.add("--disable-features=WebRtcHideLocalIpsWithMdns");
    return new Chromium(ns.wrapper(), args, Map.of("COWATCH_NETNS_BROWSER", executable().toString()));
  }

  /**
   * Flags for a browser whose microphone is {@code wav} (16-bit PCM, played in a loop) and whose
   * permission prompts say yes: Chromium's fake capture device, for the voice tests.
   */
  public static List<String> fakeMicrophone(Path wav) {
    return List.of("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
        "--use-file-for-fake-audio-capture=" + wav.toAbsolutePath());
  }

  static Path executable() {
    String override = System.getenv("COWATCH_CHROMIUM");
    Path executable = override == null || override.isBlank() ? DEFAULT_PATH : Paths.get(override);
    if (!Files.isExecutable(executable)) {
      throw new IllegalStateException("no Chromium at " + executable + ": run scripts/install-tools.sh chromium"
          + " (or set COWATCH_CHROMIUM to a Chromium binary)");
    }
    return executable;
  }

  private static List<String> with(List<String> args, String more) {
    return java.util.stream.Stream.concat(args.stream(), java.util.stream.Stream.of(more)).toList();
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
    if (isShared) {
      for (BrowserContext context : browser.contexts()) context.close();
      return;
    }
    try {
      browser.close();
    } finally {
      playwright.close();
    }
  }
}
