package dev.cowatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.e2e.webdriver.WebKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A WebKit viewer (Safari's engine: WebKitGTK under Xvfb, video through GStreamer) beside a Chromium
 * viewer in one room: on one timeline while playing, the room never held by WebKit's own ways (it plays
 * whole films at HAVE_CURRENT_DATA and fires 'waiting' after every start), a pause from WebKit's own
 * button reaching Chromium, and the participants panel showing the drift the picture really has.
 */
@RunsAlone
class WebKitBrowserTest {
  private static final Pattern DRIFT = Pattern.compile("Wes[\\s\\S]*?drift (-?\\d+) ms");
  /** Two browsers, a server and Xvfb on two cores: a few frames; bench/run browser-sync has the figures. */
  private static final double STEADY_WITHIN_MS = 50;

  @Test
  void aWebKitViewer_staysOnTheRoomsTimeline_beside_Chromium() throws Exception {
    try (E2eStack stack = E2eStack.start(); WebKit webkit = WebKit.start()) {
      RoomSession room = new RoomSession(stack, stack.createRoom());
      RoomPage ann = room.join("Ann");
      WebKitPage wes = new WebKitPage("Wes", webkit.open()).join(stack.baseUri(), room.roomId(), 1);

      room.playFrom(ann);
      awaitBoth(room, ann, wes, "both playing together", (a, w) -> a.playing() && w.playing()
          && Math.abs(w.positionAt(a.wallMs()) - a.positionMs()) <= STEADY_WITHIN_MS);
      ann.idle(1_500);
      long version = room.timeline().version();
      List<Double> apart = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        PageSample a = ann.sample();
        PageSample w = wes.sample();
        if (a.playing() && w.playing()) apart.add(Math.abs(w.positionAt(a.wallMs()) - a.positionMs()));
        ann.idle(150);
      }
      Percentiles steady = new Percentiles(apart);
      System.out.println("webkit steady, |webkit - chromium| ms: " + steady + "; webkit's commands "
          + wes.run("return JSON.stringify(window.__cowatch.sync.commandCounts)").asText());
      assertThat(room.timeline().version()).as("the room was never held or changed while both played").isEqualTo(version);
      assertThat(steady.count()).as("readings with both playing").isGreaterThanOrEqualTo(35);
      assertThat(steady.p(95)).as("p95 of |WebKit - Chromium|, ms").isLessThanOrEqualTo(STEADY_WITHIN_MS);

      // The panel's drift for Wes is the one his picture has (reported every few seconds: wait for a fresh one).
      PageSample w = wes.sample();
      double measured = w.positionMs() - room.timeline().positionAt(w.wallMs());
      double shown = awaitDriftShown(wes);
      System.out.printf("webkit drift: measured %.1f ms, the panel shows %.0f ms%n", measured, shown);
      assertThat(Math.abs(shown - measured)).as("the panel's drift against the measured one, ms").isLessThanOrEqualTo(25);

      // A pause from WebKit's own button stops both on one frame.
      wes.clickPlayPause();
      PageSample[] rest = awaitBoth(room, ann, wes, "both paused on the room's frame", (a, ws) -> a.paused() && ws.paused()
          && room.timeline().state() == PlaybackState.PAUSED && Math.abs(a.positionMs() - ws.positionMs()) <= 25
          && Math.abs(ws.positionMs() - room.timeline().anchorPositionMs()) <= 25);
      System.out.printf("paused from webkit: chromium %.0f, webkit %.0f, room %d%n", rest[0].positionMs(), rest[1].positionMs(),
          room.timeline().anchorPositionMs());

      Path shot = Path.of("target/webkit-room.png");
      wes.screenshot(shot);
      assertThat(Files.size(shot)).isGreaterThan(10_000);
      assertThat(ann.problems()).isEmpty();
      wes.close();
      room.close();
    }
  }

  private static PageSample[] awaitBoth(RoomSession room, RoomPage a, WebKitPage w, String what,
      java.util.function.BiPredicate<PageSample, PageSample> test) {
    long until = System.currentTimeMillis() + RoomSession.AWAIT_MS;
    PageSample[] last = null;
    while (System.currentTimeMillis() < until) {
      last = new PageSample[] {a.sample(), w.sample()};
      if (test.test(last[0], last[1])) return last;
      a.idle(50);
    }
    throw new AssertionError("timed out waiting for " + what + "; chromium " + last[0] + ", webkit " + last[1]
        + ", room " + room.timeline());
  }

  /** The drift the panel shows for Wes, once a report newer than now has come in. */
  private static double awaitDriftShown(WebKitPage wes) {
    Predicate<String> fresh = text -> DRIFT.matcher(text).find();
    String first = wes.text("#participants");
    long until = System.currentTimeMillis() + 12_000;
    String text = first;
    while (System.currentTimeMillis() < until) {
      text = wes.text("#participants");
      if (fresh.test(text) && !text.equals(first)) break;
      sleep(200);
    }
    Matcher m = DRIFT.matcher(text);
    if (!m.find()) throw new AssertionError("no drift shown for Wes: " + text);
    return Double.parseDouble(m.group(1));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
