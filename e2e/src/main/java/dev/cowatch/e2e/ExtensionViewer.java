package dev.cowatch.e2e;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One person with the Cowatch extension: a Chromium profile of its own (persistent context, headless)
 * with the built extension loaded, one tab on a test site, and the extension's popup opened in a tab
 * of its own for that site's tab ({@code popup.html?tab=N}: Playwright cannot click the toolbar).
 * Readings of the bound player come from the content script itself, through the extension's
 * extension page ({@code {type: 'sample'}} from the popup's tab), so the page is never given a handle on the extension.
 */
public final class ExtensionViewer implements AutoCloseable {
  /**
   * The site's main video as a person reaches it: through shadow roots and same-origin iframes (the
   * same search the content script makes, so a gesture lands on the element the extension drives).
   */
  static final String FIND_VIDEO = """
      (() => {
        const all = [];
        const walk = (root) => {
          for (const el of root.querySelectorAll('*')) {
            if (el.tagName === 'VIDEO') all.push(el);
            if (el.shadowRoot) walk(el.shadowRoot);
            if (el.tagName === 'IFRAME' && el.contentDocument) walk(el.contentDocument);
          }
        };
        walk(document);
        const area = (v) => { const r = v.getBoundingClientRect(); return r.width * r.height; };
        return all.sort((a, b) => area(b) - area(a))[0] ?? null;
      })()""";

  private final String name;
  private final Path profile;
  private final BrowserContext context;
  private final String extensionId;
  private Page site;
  private int tabId = -1;
  private Page popup;

  private ExtensionViewer(String name, Path profile, BrowserContext context, String extensionId) {
    this.name = name;
    this.profile = profile;
    this.context = context;
    this.extensionId = extensionId;
  }

  /**
   * Chromium's id of an unpacked extension: the first 128 bits of the SHA-256 of its directory's
   * real path, each hex digit written as a letter a-p (Playwright for Java has no handle on the
   * extension's service worker to read it from).
   */
  static String unpackedExtensionId(Path dir) {
    try {
      byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
          .digest(dir.toRealPath().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      StringBuilder id = new StringBuilder(32);
      for (int i = 0; i < 16; i++) {
        id.append((char) ('a' + ((hash[i] >> 4) & 0xf))).append((char) ('a' + (hash[i] & 0xf)));
      }
      return id.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A new profile with the extension from {@link ExtensionBuild#chromiumDir()}. */
  public static ExtensionViewer launch(Playwright playwright, String name) {
    Path extension = ExtensionBuild.chromiumDir();
    Path profile;
    try {
      profile = Files.createTempDirectory("cowatch-ext-profile");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> args = new ArrayList<>(Chromium.ARGS);
    args.add("--disable-extensions-except=" + extension);
    args.add("--load-extension=" + extension);
    BrowserContext context = playwright.chromium().launchPersistentContext(profile, new BrowserType.LaunchPersistentContextOptions()
        .setExecutablePath(Chromium.executable()).setHeadless(true).setArgs(args).setViewportSize(1100, 720));
    context.setDefaultTimeout(RoomPage.TIMEOUT_MS);
    return new ExtensionViewer(name, profile, context, unpackedExtensionId(extension));
  }

  public String name() {
    return name;
  }

  public Page site() {
    return site;
  }

  /** Opens {@code url} in this profile's tab (the first time, a new tab) and finds its tab id. */
  public ExtensionViewer open(String url) {
    if (site == null) {
      site = context.pages().isEmpty() ? context.newPage() : context.pages().getFirst();
      // -Dcowatch.e2e.trace=true: the content script's console lines (it logs to the page's console).
      if (Boolean.getBoolean("cowatch.e2e.trace")) site.onConsoleMessage(m -> System.out.println(name + " console: " + m.text()));
    }
    site.navigate(url);
    findTab();
    return this;
  }

  /** A page of this profile opened by something else (the extension opening a room's page): it is the site now. */
  public ExtensionViewer follow(Page page) {
    page.waitForLoadState();
    site = page;
    findTab();
    return this;
  }

  /** Another tab in this profile (the web app, say), which the extension sees as any page. */
  public Page newTab(String url) {
    Page p = context.newPage();
    p.navigate(url);
    return p;
  }

  public BrowserContext context() {
    return context;
  }

  private void findTab() {
    Page extensionPage = extensionPage();
    Object id = extensionPage.evaluate("async (url) => (await chrome.tabs.query({})).find((t) => t.url === url)?.id ?? -1", site.url());
    tabId = ((Number) id).intValue();
    if (tabId < 0) throw new IllegalStateException(name + ": no tab found for " + site.url());
  }

  /** The popup's tab, open on some extension page (where chrome.tabs answers). */
  private Page extensionPage() {
    if (popup == null) {
      popup = context.newPage();
      popup.setViewportSize(380, 760);
      popup.navigate("chrome-extension://" + extensionId + "/popup.html?tab=none");
    }
    return popup;
  }

  /** The popup for the site's tab (opened once, then kept: it refreshes itself). */
  public Page popup() {
    Page p = extensionPage();
    if (!p.url().endsWith("tab=" + tabId)) p.navigate("chrome-extension://" + extensionId + "/popup.html?tab=" + tabId);
    return p;
  }

  /** Leaves the room the tab is in, if it is in one (the popup shows the room or the forms). */
  public void leaveIfInRoom() {
    Page p = popup();
    p.locator("#leave, #create, #settings").first().waitFor();
    if (p.locator("#leave").count() > 0) {
      p.locator("#leave").click();
      p.locator("#create").waitFor();
    }
  }

  /**
   * Types the server's address into the popup's settings and saves it, when the popup does not use it already,
   * and then opens the popup afresh, as a person's click on the toolbar does: for the page the tab shows now,
   * with nothing of the last render pending. Both halves matter. A save re-renders the popup once stored, and
   * when the summary read the same before, nothing waited for that: the re-render replaced the join form the
   * next step had filled in (a clean-clone run's join never reached the server). And a popup kept from before
   * the tab's last navigation offers to watch the page it showed then.
   */
  public void useServer(URI server) {
    Page p = popup();
    String summary = "Server: " + server.getScheme() + "://" + server.getAuthority();
    Locator current = p.locator("#settings summary");
    current.waitFor();
    if (!current.innerText().trim().equals(summary)) {
      current.click();
      p.locator("#server").fill(server.toString());
      p.locator("#settings button[type=submit]").click();
      // The whole text, not a part of it: another port of the same host must not pass.
      PlaywrightAssertions.assertThat(current).hasText(summary, new LocatorAssertions.HasTextOptions().setTimeout(RoomPage.TIMEOUT_MS));
    }
    p.reload();
    p.locator("#leave, #create").first().waitFor();
  }

  /** "Watch this page together": returns the room link the popup shows. */
  public String createRoom() {
    Page p = popup();
    fillName(p);
    p.locator("#create").click();
    return p.locator("#room-link").inputValue();
  }

  /** Joins by the link (or code) in the popup. */
  public void join(String linkOrCode) {
    Page p = popup();
    fillName(p);
    p.locator("#room-ref").fill(linkOrCode);
    p.locator("#join-form button[type=submit]").click();
    p.locator("#room-link").waitFor();
  }

  /** A guest types the name; signed in on the web app, the popup shows the account instead. */
  private void fillName(Page p) {
    p.locator("#name, #identity").first().waitFor();
    if (p.locator("#name").count() > 0) p.locator("#name").fill(name);
  }

  /** The content script's reading of its bound player, or null when it has none. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> rawSample() {
    // null while the tab has no content script yet (a page still loading after a navigation).
    Object raw = extensionPage().evaluate("async (id) => (await chrome.tabs.sendMessage(id, { type: 'sample' }).catch(() => null)) ?? null", tabId);
    return raw instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
  }

  public PageSample sample() {
    Map<String, Object> m = rawSample();
    if (m == null) throw new IllegalStateException(name + ": the tab is not in a room");
    return new PageSample(num(m, "positionMs"), num(m, "wallMs"), Boolean.TRUE.equals(m.get("paused")),
        Boolean.TRUE.equals(m.get("seeking")), num(m, "rate"), (int) num(m, "readyState"), num(m, "serverNowMs"),
        num(m, "syncErrorMs"), (long) num(m, "version"));
  }

  /** The site adapter the content script drives the player through, or null (the element itself, or no room). */
  public String adapter() {
    Map<String, Object> m = rawSample();
    return m == null || m.get("adapter") == null ? null : m.get("adapter").toString();
  }

  /** Whether the content script takes an ad to be playing now (the adapter's word, or a break of the stream). */
  public boolean adPlaying() {
    Map<String, Object> m = rawSample();
    return m != null && Boolean.TRUE.equals(m.get("ad"));
  }

  /** What the test site's page logged of its player (window.siteLog: switches, ads, errors), empty on other pages. */
  public List<Map<String, Object>> siteLog() {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> log = (List<Map<String, Object>>) site.evaluate("() => window.siteLog ?? []");
    return log;
  }

  /** Waits until the content script has a video bound, the room's timeline and a synced clock. */
  public void awaitBound() {
    long until = System.currentTimeMillis() + (long) RoomPage.TIMEOUT_MS;
    Map<String, Object> last = null;
    while (System.currentTimeMillis() < until) {
      last = rawSample();
      if (last != null && Boolean.TRUE.equals(last.get("bound")) && num(last, "version") >= 0
          && !Double.isNaN(num(last, "serverNowMs")) && num(last, "readyState") >= 3) return;
      site.waitForTimeout(50);
    }
    throw new AssertionError(name + ": no video bound; last reading " + last);
  }

  /** A person's gesture on the site's own player (its controls or its API): play, pause or seek. */
  public void play() {
    site.evaluate("async () => { const v = " + FIND_VIDEO + "; window.demoPlayer ? await window.demoPlayer.play() : await v.play(); }");
  }

  public void pause() {
    site.evaluate("() => { const v = " + FIND_VIDEO + "; window.demoPlayer ? window.demoPlayer.pause() : v.pause(); }");
  }

  public void seek(long positionMs) {
    site.evaluate("(s) => { const v = " + FIND_VIDEO + "; window.demoPlayer ? window.demoPlayer.seekTo(s) : (v.currentTime = s); }",
        positionMs / 1000.0);
  }

  public void idle(long ms) {
    site.waitForTimeout(ms);
  }

  private static double num(Map<String, Object> m, String key) {
    Object o = m.get(key);
    return o instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  @Override
  public void close() {
    try {
      context.close();
    } finally {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a profile left in the temp directory is harmless
      }
    }
  }
}
