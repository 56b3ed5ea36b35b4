package dev.cowatch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cowatch.e2e.webdriver.WebDriverSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A viewer of the room in WebKit (see {@link dev.cowatch.e2e.webdriver.WebKit}): the same readings
 * as {@link RoomPage}'s, through W3C WebDriver instead of Playwright.
 */
public final class WebKitPage implements AutoCloseable {
  private final String name;
  private final WebDriverSession driver;

  public WebKitPage(String name, WebDriverSession driver) {
    this.name = name;
    this.driver = driver;
  }

  public String name() {
    return name;
  }

  public WebDriverSession driver() {
    return driver;
  }

  /** Opens the room's link, types the name and submits with real key presses and a click, then waits as RoomPage does. */
  public WebKitPage join(URI base, String roomId, int minReadyState) {
    try {
      driver.navigate(base.resolve("/r/" + roomId).toString());
      driver.type(driver.find("#display-name"), name);
      driver.click(driver.find("#name-form button[type=submit]"));
      long until = System.currentTimeMillis() + (long) RoomPage.TIMEOUT_MS;
      while (!driver.execute("return (" + RoomPage.JOINED + ")(arguments[0])", minReadyState).asBoolean()) {
        if (System.currentTimeMillis() > until) throw new AssertionError(name + " (WebKit) did not join: " + state());
        Thread.sleep(50);
      }
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public PageSample sample() {
    JsonNode v = run("return (" + RoomPage.SAMPLE + ")()");
    if (!v.isArray()) throw new IllegalStateException(name + ": the room page is not running in WebKit");
    List<Object> values = new ArrayList<>();
    for (JsonNode n : v) values.add(n.isNumber() ? n.asDouble() : null);
    return new PageSample(RoomPage.num(values, 0), RoomPage.num(values, 1), RoomPage.num(values, 2) != 0,
        RoomPage.num(values, 3) != 0, RoomPage.num(values, 4), (int) RoomPage.num(values, 5), RoomPage.num(values, 6),
        RoomPage.num(values, 7), (long) RoomPage.num(values, 8));
  }

  /** Runs a function body in the page (for what only a test asks: the video's own readings). */
  public JsonNode run(String body, Object... args) {
    try {
      return driver.execute(body, args);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void clickPlayPause() {
    try {
      driver.click(driver.find("#play-pause"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String text(String css) {
    return run("const e = document.querySelector(arguments[0]); return e ? e.innerText : null", css).asText();
  }

  public void screenshot(Path file) {
    try {
      Files.write(file, driver.screenshot());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String state() {
    try {
      return driver.execute("const w = window.__cowatch; return w ? JSON.stringify({state: w.client.state, "
          + "synced: w.client.clockSynced, ready: w.video.readyState, error: w.video.error && w.video.error.message}) "
          + ": document.title + ' ' + location.href").asText();
    } catch (IOException e) {
      return "unreadable: " + e.getMessage();
    }
  }

  @Override
  public void close() {
    driver.close();
  }
}
