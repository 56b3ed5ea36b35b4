package dev.cowatch.e2e;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One viewer: a browser context with the room page open. Reads the page through the app's
 * read-only debug handle {@code window.__cowatch = {client, sync, video}} (web/src/ui/room.ts).
 */
public final class RoomPage implements AutoCloseable {
  /** Generous: two cores may run a server, a browser and three players at once. */
  public static final double TIMEOUT_MS = 20_000;

  static final String SAMPLE = """
      () => {
        const w = window.__cowatch;
        if (!w) return null;
        const v = w.video, c = w.client, t = c.timeline;
        const wall = Date.now(), pos = v.currentTime * 1000, server = c.serverNowMs();
        return [pos, wall, v.paused ? 1 : 0, v.seeking ? 1 : 0, v.playbackRate, v.readyState, server,
                w.sync.lastErrorMs, t ? t.version : -1];
      }""";

  static final String JOINED = """
      (minReadyState) => {
        const w = window.__cowatch;
        return !!w && w.client.state === 'connected' && w.client.clockSynced && w.video.readyState >= minReadyState;
      }""";

  /**
   * Remembers when this page's player was first told to pause and where it was then (the engine
   * may move it onto the room's frame right after), and when #play-pause was clicked.
   */
  private static final String WATCH_PAUSE = """
      () => {
        const v = window.__cowatch.video;
        const e = window.__e2e = { pauseAt: null, pausePos: null, clickAt: null };
        const original = v.__e2ePause ?? (v.__e2ePause = v.pause);
        v.pause = function () {
          if (e.pauseAt === null && !v.paused) { e.pauseAt = Date.now(); e.pausePos = v.currentTime * 1000; }
          return original.call(v);
        };
        document.getElementById('play-pause').addEventListener('click', () => { e.clickAt = Date.now(); }, { once: true, capture: true });
      }""";

  /**
   * A stall as the app sees one: the media clock stops (the player is paused behind the app's back:
   * its pause event is hidden, and paused and readyState read as a playing player short of data),
   * a waiting event, then playback resumes and a playing event follows. Then, every 10 ms, the
   * page's position against the true timeline (the page's clock is the server's, one machine):
   * resolves with [when playback resumed, the worst error, ms from the resume until the error is
   * within the bound and stays there for holdMs; -1 if never within timeoutMs].
   */
  private static final String STALL = """
      ([stallMs, boundMs, holdMs, timeoutMs]) => new Promise((resolve) => {
        const w = window.__cowatch, v = w.video;
        const hide = (e) => e.stopImmediatePropagation();
        v.addEventListener('pause', hide, true);
        Object.defineProperty(v, 'paused', { get: () => false, configurable: true });
        Object.defineProperty(v, 'readyState', { get: () => 2, configurable: true });
        HTMLMediaElement.prototype.pause.call(v);
        v.dispatchEvent(new Event('waiting'));
        setTimeout(() => {
          delete v.paused;
          delete v.readyState;
          const resumed = Date.now();
          HTMLMediaElement.prototype.play.call(v);
          setTimeout(() => v.removeEventListener('pause', hide, true), 0);
          let worst = 0, within = -1;
          const timer = setInterval(() => {
            const t = w.client.timeline, now = Date.now();
            const expected = t.state === 'playing' && now > t.anchorTimeMs
                ? t.anchorPositionMs + (now - t.anchorTimeMs) * t.rate : t.anchorPositionMs;
            const error = v.currentTime * 1000 - expected;
            worst = Math.max(worst, Math.abs(error));
            if (Math.abs(error) > boundMs || v.seeking) within = -1;
            else if (within < 0) within = now;
            const done = within >= 0 && now - within >= holdMs;
            if (done || now - resumed > timeoutMs) {
              clearInterval(timer);
              resolve([resumed, worst, done ? within - resumed : -1]);
            }
          }, 10);
        }, stallMs);
      })""";

  private final String name;
  private final BrowserContext context;
  private final Page page;
  private final List<String> problems = new CopyOnWriteArrayList<>();

  RoomPage(String name, BrowserContext context, Page page) {
    this.name = name;
    this.context = context;
    this.page = page;
    page.setDefaultTimeout(TIMEOUT_MS);
    page.onPageError(e -> problems.add("page error: " + e));
    page.onConsoleMessage(m -> {
      if (m.type().equals("error")) problems.add("console: " + m.text());
    });
  }

  public String name() {
    return name;
  }

  public BrowserContext context() {
    return context;
  }

  public Page page() {
    return page;
  }

  /** Script errors and console errors seen so far. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** Sends this viewer's requests for {@code mediaUrl} to {@code instead} (e.g. a throttled route). */
  public void redirectMedia(String mediaUrl, String instead) {
    context.route(mediaUrl, route -> route.resume(new Route.ResumeOptions().setUrl(instead)));
  }

  /** Opens the room's link, gives the name, and waits until joined and clock-synced with media of at least {@code minReadyState}. */
  public RoomPage join(URI base, String roomId, int minReadyState) {
    page.navigate(base.resolve("/r/" + roomId).toString());
    page.locator("#display-name").fill(name);
    page.locator("#name-form button[type=submit]").click();
    awaitJoined(minReadyState);
    return this;
  }

  /**
   * Makes a room named {@code roomName} from the home page under this viewer's name, so the viewer owns it (and
   * may change its media, which guests joining by link may not), and waits until joined.
   */
  public RoomPage createRoom(URI base, String roomName) {
    page.navigate(base.resolve("/").toString());
    page.locator("#your-name").fill(name);
    page.locator("#room-name").fill(roomName);
    page.locator("#create-room button[type=submit]").click();
    page.waitForURL("**/r/*");
    awaitJoined(0);
    return this;
  }

  /**
   * Opens the room's link and joins without any user activation in the page, so that Chromium's normal
   * autoplay rules refuse to start its video: the page's own script (an init script, not Playwright's
   * fill, click or evaluate, which all count as a gesture) types the name and submits the form. Returns
   * at once; the caller waits for the join on the server, since any evaluate in the page would count as
   * a gesture.
   */
  public RoomPage openWithoutGesture(URI base, String roomId) {
    page.addInitScript("""
        (() => {
          const timer = setInterval(() => {
            const input = document.getElementById('display-name'), form = document.getElementById('name-form');
            if (!input || !form) return;
            clearInterval(timer);
            input.value = %s;
            form.requestSubmit();
          }, 50);
        })()""".formatted(jsString(name)));
    page.navigate(base.resolve("/r/" + roomId).toString());
    return this;
  }

  private static String jsString(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** HAVE_FUTURE_DATA: the player can play on from where it is. */
  public RoomPage join(URI base, String roomId) {
    return join(base, roomId, 3);
  }

  public void awaitJoined(int minReadyState) {
    page.waitForFunction(JOINED, minReadyState, new Page.WaitForFunctionOptions().setTimeout(TIMEOUT_MS));
  }

  public PageSample sample() {
    Object raw = page.evaluate(SAMPLE);
    if (!(raw instanceof List<?> v)) throw new IllegalStateException(name + ": the room page is not running");
    return new PageSample(num(v, 0), num(v, 1), num(v, 2) != 0, num(v, 3) != 0, num(v, 4), (int) num(v, 5),
        num(v, 6), num(v, 7), (long) num(v, 8));
  }

  /** What an injected stall did: how far the page fell off the timeline and how long it took back. */
  public record StallRecovery(double worstErrorMs, double recoverMs) {}

  /**
   * Stalls this page's player for {@code stallMs} (see STALL) and measures its recovery: the time
   * from the resume until it is within {@code boundMs} of the timeline and stays there for
   * {@code holdMs}; NaN when that does not happen within {@code timeoutMs}.
   */
  public StallRecovery stall(long stallMs, double boundMs, long holdMs, long timeoutMs) {
    Object raw = page.evaluate(STALL, List.of((double) stallMs, boundMs, (double) holdMs, (double) timeoutMs)); // Playwright passes no longs
    if (!(raw instanceof List<?> v)) throw new IllegalStateException(name + ": stall script failed");
    double recover = num(v, 2);
    return new StallRecovery(num(v, 1), recover < 0 ? Double.NaN : recover);
  }

  /** The commands the page's sync engine gave its player so far, by kind ("n/a" from a build that does not count them). */
  public String commandCounts() {
    Object o = page.evaluate("() => JSON.stringify(window.__cowatch.sync.commandCounts ?? 'n/a')");
    return String.valueOf(o);
  }

  /**
   * What the page's sync engine has learned of its player and clock, for a benchmark's report: the
   * mean rate-switch jump and its spread, the trim band they give, and the clock's uncertainty (ms;
   * "n/a" from a build without them).
   */
  public String learned() {
    Object o = page.evaluate("""
        () => {
          const c = window.__cowatch.sync.controller, k = window.__cowatch.client;
          if (!c || c.trimBandMs === undefined) return 'n/a';
          const r = (x) => Math.round(x * 10) / 10;
          const s = c.switches;
          return `switch jump ${r(s.meanJumpMs)} ± ${r(s.spreadMs)}, trim band ${r(c.trimBandMs)}, `
              + `clock uncertainty ${r(k.clockUncertaintyMs)}`;
        }""");
    return String.valueOf(o);
  }

  /** Installs the listeners {@link #pauseAt()}, {@link #pausePositionMs()} and {@link #clickAt()} read. */
  public void watchPause() {
    page.evaluate(WATCH_PAUSE);
  }

  /** Wall time of the first pause() of the playing player since {@link #watchPause()}, NaN before it. */
  public double pauseAt() {
    return evalNumber("() => window.__e2e.pauseAt");
  }

  public double pausePositionMs() {
    return evalNumber("() => window.__e2e.pausePos");
  }

  public double clickAt() {
    return evalNumber("() => window.__e2e.clickAt");
  }

  public void clickPlayPause() {
    page.locator("#play-pause").click();
  }

  /** Drags the seek bar to {@code positionMs} (sets the range and fires input and change, as a person would). */
  public void seekBarTo(long positionMs) {
    page.locator("#seek").fill(Long.toString(positionMs));
  }

  public void screenshot(Path file) {
    page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
  }

  /** Waits in the browser: unlike Thread.sleep, Playwright keeps handling routes and events meanwhile. */
  public void idle(long ms) {
    page.waitForTimeout(ms);
  }

  public String text(String selector) {
    return page.locator(selector).innerText();
  }

  /** Waits (up to {@code timeoutMs}) until the element shows {@code text}; fails otherwise. */
  public void awaitText(String selector, String text, double timeoutMs) {
    PlaywrightAssertions.assertThat(page.locator(selector))
        .containsText(text, new LocatorAssertions.ContainsTextOptions().setTimeout(timeoutMs));
  }

  private double evalNumber(String js) {
    Object o = page.evaluate(js);
    return o instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  static double num(List<?> values, int i) {
    Object o = values.get(i);
    return o instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  @Override
  public void close() {
    context.close();
  }
}
