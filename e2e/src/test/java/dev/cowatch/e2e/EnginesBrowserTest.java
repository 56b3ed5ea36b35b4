package dev.cowatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.e2e.webdriver.Firefox;
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
 * One room with a viewer in each engine: Chromium (Playwright), Firefox ESR (WebDriver BiDi) and WebKit,
 * Safari's engine (WebKitGTK under Xvfb, video through GStreamer). The web app's main flows from each
 * engine's own buttons: play, a late join (WebKit), a steady stretch on one timeline (the room never held by an
 * engine's own ways: WebKit plays whole films at HAVE_CURRENT_DATA and fires 'waiting' after every start), pause,
 * a seek, play again, a chat line, a reconnect and a reload (Firefox); and the participants panel shows the drift the
 * picture really has.
 * bench/run browser-sync --engines has the figures.
 */
@RunsAlone
class EnginesBrowserTest {
  private static final Pattern DRIFT = Pattern.compile("Wes[\\s\\S]*?drift (-?\\d+) ms");
  /** Three browsers, a server and Xvfb on two cores: a few frames apart at some reading. */
  private static final double TOGETHER_MS = 50;
  /**
   * The steady stretch's p95 bound: "on one timeline", not the figures (bench/run browser-sync --engines has those: p95
   * 4-11 ms per pair). What this guards against was seconds apart (WebKit) or two frames off and hunting (Firefox, read
   * through its painted frames: 20-106 ms at p95 over thirteen runs); a room held by WebKit's waiting is the version
   * check's. Three browsers, a server and Xvfb share two cores, and the model checks may run beside: a bound with room.
   */
  private static final double STEADY_P95_MS = 60;

  private interface Reader {
    PageSample sample();
  }

  @Test
  void chromiumFirefoxAndWebKit_watchOnOneTimeline_fromEachOnesOwnButtons() throws Exception {
    try (E2eStack stack = E2eStack.start(); WebKit webkit = WebKit.start(); Firefox firefox = Firefox.start()) {
      RoomSession room = new RoomSession(stack, stack.createRoom());
      RoomPage ann = room.join("Ann");
      EnginePage fay = new EnginePage("Fay", "firefox", firefox.page()).join(stack.baseUri(), room.roomId(), 1);
      fay.clickPlayPause();
      awaitAll(room, List.of(ann::sample, fay::sample), "Ann and Fay playing together", s -> playingTogether(s, TOGETHER_MS));
      // Wes comes late: his WebKit page lands on the room's timeline while it plays.
      EnginePage wes = new EnginePage("Wes", "webkit", webkit.open()).join(stack.baseUri(), room.roomId(), 1);
      List<Reader> all = List.of(ann::sample, fay::sample, wes::sample);
      awaitAll(room, all, "all three playing together (Wes came late)", s -> playingTogether(s, TOGETHER_MS));
      assertMediaSession(ann, fay, wes, "playing");
      ann.idle(1_500);
      long version = room.timeline().version();
      List<Double> apart = new ArrayList<>();
      List<List<Double>> offTimeline = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      for (int i = 0; i < 30; i++) {
        List<PageSample> s = read(all);
        var t = room.timeline();
        if (s.stream().allMatch(PageSample::playing)) {
          apart.add(spread(s));
          for (int k = 0; k < 3; k++) offTimeline.get(k).add(Math.abs(s.get(k).positionMs() - t.positionAt(s.get(k).wallMs())));
        }
        ann.idle(150);
      }
      Percentiles steady = new Percentiles(apart);
      System.out.println("engines steady, widest distance ms: " + steady + "; off the timeline: chromium "
          + new Percentiles(offTimeline.get(0)) + ", firefox " + new Percentiles(offTimeline.get(1)) + ", webkit "
          + new Percentiles(offTimeline.get(2)) + "; Firefox was given " + fay.commandCounts() + ", WebKit " + wes.commandCounts());
      assertThat(room.timeline().version()).as("the room was never held or changed while all played").isEqualTo(version);
      assertThat(steady.count()).as("readings with all three playing").isGreaterThanOrEqualTo(25);
      assertThat(steady.p(95)).as("p95 of the widest distance between the three engines, ms").isLessThanOrEqualTo(STEADY_P95_MS);

      // The panel's drift for Wes is the one his picture had when he reported it (the 4.4 s WebKit once ran ahead
      // showed as 11 ms). The report is a reading of one instant, up to seconds before the panel changes, and
      // WebKit's picture wanders by tens of ms between readings: compared with one reading taken before the wait
      // (29.8 ms apart in a CI run, the picture 56 ms off the timeline at p95), it was a coin toss. So it is held
      // against the last readings before the panel showed it.
      DriftShown drift = awaitDriftShown(wes, room);
      System.out.printf("webkit drift: the panel shows %.0f ms; measured just before, %s; nearest %.1f ms%n",
          drift.shown(), drift.measured(), drift.nearestMeasured());
      assertThat(Math.abs(drift.shown() - drift.nearestMeasured())).as("the panel's drift against the measured one, ms")
          .isLessThanOrEqualTo(25);

      wes.clickPlayPause();
      awaitAll(room, all, "all paused on the room's frame (from WebKit)", s -> pausedOnTheRoomsFrame(room, s));
      assertMediaSession(ann, fay, wes, "paused");
      long before = room.timeline().anchorPositionMs();
      fay.click("#forward-10");
      awaitAll(room, all, "all paused 10 s further on (from Firefox)", s -> room.timeline().anchorPositionMs() >= before + 9_000
          && pausedOnTheRoomsFrame(room, s));
      wes.clickPlayPause();
      awaitAll(room, all, "all three playing together again (from WebKit)", s -> playingTogether(s, TOGETHER_MS));

      String line = "hello from Firefox";
      fay.evaluate("document.getElementById('chat-input').focus()");
      firefox.page().type("#chat-input", line);
      fay.click("#chat-form button[type=submit]");
      awaitText(wes, "#chat-lines", line);

      // Fay's path to the server is lost (her page lets the silent connection go, as it does when no pong comes):
      // she reconnects and is back on the timeline, the room unchanged. Then she opens the room again (a reload, a
      // late join in Firefox) while it plays.
      long playing = room.timeline().version();
      assertThat(fay.evaluate("window.__cowatch.client.dropIfSilent(0)").asBoolean()).as("Fay's connection let go").isTrue();
      awaitAll(room, all, "Fay back on the timeline after a reconnect", s -> playingTogether(s, TOGETHER_MS)
          && fay.evaluate("window.__cowatch.client.state").asText().equals("connected"));
      fay.join(stack.baseUri(), room.roomId(), 1);
      awaitAll(room, all, "Fay on the timeline after opening the room again", s -> playingTogether(s, TOGETHER_MS));
      assertThat(room.timeline().version()).as("neither the reconnect nor the reload changed the room").isEqualTo(playing);

      fay.evaluate("window.scrollTo(0, 0)");
      Path shot = Path.of("target/engines-webkit.png");
      wes.screenshot(shot);
      fay.screenshot(Path.of("target/engines-firefox.png"));
      assertThat(Files.size(shot)).isGreaterThan(10_000);
      // The room on a phone-sized screen in both other engines: nothing wider than the screen.
      for (EnginePage page : List.of(wes, fay)) {
        page.resize(390, 844);
        Thread.sleep(500); // laid out again
        assertThat(page.evaluate("document.documentElement.scrollWidth - window.innerWidth").asInt())
            .as(page.engine() + " on a phone: wider than the screen by").isLessThanOrEqualTo(0);
        page.screenshot(Path.of("target/engines-" + page.engine() + "-phone.png"));
      }
      assertThat(ann.problems()).isEmpty();
      wes.close();
      room.close();
    }
  }

  /**
   * What the lock screen, the media hub and media keys are told (Media Session): the room's state and name, in every
   * engine that has one (Chromium must), a render or two after the change.
   */
  private static void assertMediaSession(RoomPage ann, EnginePage fay, EnginePage wes, String state) throws InterruptedException {
    String read = "'mediaSession' in navigator ? navigator.mediaSession.playbackState + '|' + (navigator.mediaSession.metadata?.title ?? '') : 'absent'";
    String expected = state + "|" + E2eStack.ROOM_NAME;
    long until = System.currentTimeMillis() + 3_000;
    String chromium = "";
    String firefox = "";
    String webkit = "";
    while (System.currentTimeMillis() < until) {
      chromium = String.valueOf(ann.page().evaluate("() => " + read));
      firefox = fay.evaluate(read).asText();
      webkit = wes.evaluate(read).asText();
      if (chromium.equals(expected) && List.of(expected, "absent").containsAll(List.of(firefox, webkit))) break;
      Thread.sleep(100);
    }
    System.out.printf("media session: chromium %s, firefox %s, webkit %s%n", chromium, firefox, webkit);
    assertThat(chromium).isEqualTo(expected);
    assertThat(firefox).isIn(expected, "absent");
    assertThat(webkit).isIn(expected, "absent");
  }

  private static boolean playingTogether(List<PageSample> s, double withinMs) {
    return s.stream().allMatch(PageSample::playing) && spread(s) <= withinMs;
  }

  private static boolean pausedOnTheRoomsFrame(RoomSession room, List<PageSample> s) {
    var t = room.timeline();
    return t.state() == PlaybackState.PAUSED
        && s.stream().allMatch(x -> x.paused() && x.version() == t.version() && Math.abs(x.positionMs() - t.anchorPositionMs()) <= 25);
  }

  /** The widest distance between two of the readings, each carried to the first one's instant. */
  private static double spread(List<PageSample> s) {
    double at = s.getFirst().wallMs();
    double lo = Double.MAX_VALUE;
    double hi = -Double.MAX_VALUE;
    for (PageSample x : s) {
      lo = Math.min(lo, x.positionAt(at));
      hi = Math.max(hi, x.positionAt(at));
    }
    return hi - lo;
  }

  private static List<PageSample> read(List<Reader> all) {
    return all.stream().map(Reader::sample).toList();
  }

  private static void awaitAll(RoomSession room, List<Reader> all, String what, Predicate<List<PageSample>> test)
      throws InterruptedException {
    long until = System.currentTimeMillis() + RoomSession.AWAIT_MS;
    List<PageSample> last = List.of();
    while (System.currentTimeMillis() < until) {
      last = read(all);
      if (test.test(last)) return;
      Thread.sleep(50);
    }
    throw new AssertionError("timed out waiting for " + what + "; room " + room.timeline() + "; chromium, firefox, webkit: " + last);
  }

  private static void awaitText(EnginePage page, String css, String text) throws InterruptedException {
    long until = System.currentTimeMillis() + RoomSession.AWAIT_MS;
    while (!page.text(css).contains(text)) {
      if (System.currentTimeMillis() > until) throw new AssertionError(page.name() + " never showed '" + text + "' in " + css);
      Thread.sleep(100);
    }
  }

  /** Wes's drift as the panel shows it, and his last ten measured drifts before it showed (one every 100 ms or more). */
  record DriftShown(double shown, List<Double> measured) {
    double nearestMeasured() {
      return measured.stream().min(java.util.Comparator.comparingDouble(m -> Math.abs(m - shown))).orElseThrow();
    }
  }

  /** Waits for the panel to show a new drift for Wes (his next report), measuring his drift meanwhile. */
  private static DriftShown awaitDriftShown(EnginePage wes, RoomSession room) throws InterruptedException {
    Predicate<String> shows = text -> DRIFT.matcher(text).find();
    String first = wes.text("#participants");
    java.util.ArrayDeque<Double> recent = new java.util.ArrayDeque<>();
    long until = System.currentTimeMillis() + 12_000;
    String text = first;
    while (System.currentTimeMillis() < until) {
      PageSample w = wes.sample();
      recent.addLast(w.positionMs() - room.timeline().positionAt(w.wallMs()));
      if (recent.size() > 10) recent.removeFirst();
      text = wes.text("#participants");
      if (shows.test(text) && !text.equals(first)) break;
      Thread.sleep(100);
    }
    Matcher m = DRIFT.matcher(text);
    if (!m.find()) throw new AssertionError("no drift shown for Wes: " + text);
    return new DriftShown(Double.parseDouble(m.group(1)), List.copyOf(recent));
  }

}
