package dev.cowatch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cowatch.e2e.webdriver.RemotePage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A viewer of the room in a browser other than Playwright's Chromium (WebKit, Firefox; see
 * {@link RemotePage}): the same join and the same readings as {@link RoomPage}'s.
 */
public final class EnginePage implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  /**
   * The test's own reading of a video whose currentTime steps a frame at a time (Firefox's, every 41 ms on the test
   * film): currentTime polled every few ms, and each change's offset (position − rate × time) at the poll that saw it;
   * the highest of the last second's is where the clock stood at a step (a poll sees a step a few ms late at most),
   * carried to the instant read, and across a change of rate from where it stood. Written here apart from the app's StepClock (which has only its 20 ms readings and
   * takes the middle of what they allow), so that a fault there shows. The frames a browser presents are not used:
   * Firefox stamps them with the refresh tick they were painted on, and their median wandered by 20 ms.
   */
  public static final String STEP_READER = """
      (() => {
        const v = window.__cowatch.video, kept = [];
        let rate = NaN, last = NaN;
        setInterval(() => {
          const c = v.currentTime * 1000, now = performance.now();
          if (v.paused || v.seeking) { kept.length = 0; last = NaN; return; }
          if (v.playbackRate !== rate) {
            // A new rate, seen within a poll of being set: the clock goes on from where it stood, at the new rate.
            for (const k of kept) k[1] += now * (rate - v.playbackRate);
            rate = v.playbackRate;
          }
          if (c !== last) {
            if (!Number.isNaN(last)) kept.push([now, c - rate * now]);
            last = c;
          }
          while (kept.length > 0 && kept[0][0] < now - 1000) kept.shift();
        }, 2);
        window.__e2eStepPosition = () => {
          const now = performance.now();
          if (v.paused || v.seeking || kept.length < 8 || now - kept[kept.length - 1][0] > 250 || v.playbackRate !== rate) return undefined;
          return Math.max(...kept.map((k) => k[1])) + rate * now;
        };
        return true;
      })()""";

  private final String name;
  private final String engine;
  private final RemotePage page;

  public EnginePage(String name, String engine, RemotePage page) {
    this.name = name;
    this.engine = engine;
    this.page = page;
  }

  public String name() {
    return name;
  }

  /** "webkit", "firefox". */
  public String engine() {
    return engine;
  }

  /**
   * Opens the room's link and waits as RoomPage does, typing the name and submitting with real key presses and a click
   * where the page asks for it (a first visit; a reload of a guest's page may not ask again); in Firefox, starts the
   * test's own step reader.
   */
  public EnginePage join(URI base, String roomId, int minReadyState) {
    try {
      page.navigate(base.resolve("/r/" + roomId).toString());
      long until = System.currentTimeMillis() + (long) RoomPage.TIMEOUT_MS;
      boolean typed = false;
      while (!Boolean.parseBoolean(page.evaluate("(" + RoomPage.JOINED + ")(" + minReadyState + ")"))) {
        if (System.currentTimeMillis() > until) throw new AssertionError(name + " (" + engine + ") did not join: " + state());
        if (!typed && Boolean.parseBoolean(page.evaluate("!!document.querySelector('#display-name')"))) {
          page.type("#display-name", name);
          page.click("#name-form button[type=submit]");
          typed = true;
        }
        Thread.sleep(50);
      }
      if (engine.equals("firefox")) page.evaluate(STEP_READER);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public PageSample sample() {
    // Where the test reads steps (Firefox), the position is the steps' clock at the reading's instant.
    JsonNode v = evaluate("(() => { const s = (" + RoomPage.SAMPLE + ")(); const f = window.__e2eStepPosition?.();"
        + " if (s && f !== undefined) s[0] = f; return s; })()");
    if (!v.isArray()) throw new IllegalStateException(name + ": the room page is not running in " + engine);
    List<Object> values = new ArrayList<>();
    for (JsonNode n : v) values.add(n.isNumber() ? n.asDouble() : null);
    return new PageSample(RoomPage.num(values, 0), RoomPage.num(values, 1), RoomPage.num(values, 2) != 0,
        RoomPage.num(values, 3) != 0, RoomPage.num(values, 4), (int) RoomPage.num(values, 5), RoomPage.num(values, 6),
        RoomPage.num(values, 7), (long) RoomPage.num(values, 8));
  }

  /** What {@code expression} gives in the page, as JSON (a Promise is awaited). */
  public JsonNode evaluate(String expression) {
    try {
      return JSON.readTree(page.evaluate(expression));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The commands the page's sync engine gave its player so far, by kind. */
  public String commandCounts() {
    return evaluate("window.__cowatch.sync.commandCounts").toString();
  }

  public void clickPlayPause() {
    click("#play-pause");
  }

  public void click(String css) {
    try {
      page.click(css);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String text(String css) {
    return evaluate("document.querySelector(" + quoted(css) + ")?.innerText ?? ''").asText();
  }

  /** A phone-sized page, or window where the engine sets only that ({@link RemotePage#resize}). */
  public void resize(int width, int height) {
    try {
      page.resize(width, height);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void screenshot(Path file) {
    try {
      Files.write(file, page.screenshot());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String quoted(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String state() {
    try {
      return page.evaluate("window.__cowatch ? {state: window.__cowatch.client.state, synced: window.__cowatch.client.clockSynced, "
          + "ready: window.__cowatch.video.readyState, error: window.__cowatch.video.error?.message} : document.title + ' ' + location.href");
    } catch (IOException e) {
      return "unreadable: " + e.getMessage();
    }
  }

  @Override
  public void close() {
    page.close();
  }
}
