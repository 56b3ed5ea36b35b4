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
   * The test's own reading of a video whose currentTime steps a frame at a time (Firefox's, every 40 ms): from the
   * frames it presents (requestVideoFrameCallback), the median of the last seven frames' offsets carried forward
   * to the instant read. Written here apart from the app's FrameClock, so that a fault there shows.
   */
  private static final String FRAME_READER = """
      (() => {
        const v = window.__cowatch.video, kept = [];
        let rate = NaN, last = -Infinity;
        const onFrame = (_now, m) => {
          if (!v.paused && !v.seeking) {
            if (v.playbackRate !== rate) { kept.length = 0; rate = v.playbackRate; }
            kept.push(m.mediaTime * 1000 - m.presentationTime * rate);
            if (kept.length > 7) kept.shift();
            last = m.presentationTime;
          } else { kept.length = 0; }
          v.requestVideoFrameCallback(onFrame);
        };
        v.requestVideoFrameCallback(onFrame);
        window.__e2eFramePosition = () => {
          const now = performance.now();
          if (v.paused || v.seeking || kept.length < 3 || now - last > 250 || v.playbackRate !== rate) return undefined;
          const s = [...kept].sort((a, b) => a - b);
          const p = s[s.length >> 1] + now * rate;
          return Math.abs(p - v.currentTime * 1000) <= 60 ? p : undefined;
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
   * Opens the room's link, types the name and submits with real key presses and a click, then waits as RoomPage does;
   * in Firefox, starts the test's own frame reader.
   */
  public EnginePage join(URI base, String roomId, int minReadyState) {
    try {
      page.navigate(base.resolve("/r/" + roomId).toString());
      page.type("#display-name", name);
      page.click("#name-form button[type=submit]");
      long until = System.currentTimeMillis() + (long) RoomPage.TIMEOUT_MS;
      while (!Boolean.parseBoolean(page.evaluate("(" + RoomPage.JOINED + ")(" + minReadyState + ")"))) {
        if (System.currentTimeMillis() > until) throw new AssertionError(name + " (" + engine + ") did not join: " + state());
        Thread.sleep(50);
      }
      if (engine.equals("firefox")) page.evaluate(FRAME_READER);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public PageSample sample() {
    // Where the test reads frames (Firefox), the position is the frames' at the reading's instant.
    JsonNode v = evaluate("(() => { const s = (" + RoomPage.SAMPLE + ")(); const f = window.__e2eFramePosition?.();"
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
