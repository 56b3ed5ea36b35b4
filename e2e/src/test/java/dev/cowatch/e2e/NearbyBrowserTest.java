package dev.cowatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A room with no server (issue 55): two pages in a network namespace where no Cowatch server runs at all,
 * the app opened from a plain static host. Ann starts and shows a code; Bea opens the link the QR code holds,
 * answers, and Ann pastes the answer back. Then chat, a film Ann shares from her disk that Bea plays while it
 * arrives, and play, pause and seek from either page, in sync.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NearbyBrowserTest {
  /**
   * Generous, as EnginesBrowserTest's steady bound: this class shares the machine with the other browser tests
   * (it is not one of those that run alone), so the bound is what a viewer would notice, and the figure is printed.
   */
  private static final double IN_STEP_MS = 150;

  private NetNamespace ns;
  private StaticWebHost host;
  private Chromium chromium;
  private Path film;
  private final List<RoomPage> pages = new ArrayList<>();

  @BeforeAll
  void start() throws Exception {
    Path dir = Files.createTempDirectory("cowatch-nearby");
    film = TestVideos.makeLooped(dir, "film.mp4", 24, 4, "640x360", "1200k");
    ns = NetNamespace.create();
    host = StaticWebHost.start(ns.hostAddress());
    chromium = Chromium.launchIn(ns, host.baseUri().toString());
  }

  @AfterAll
  void stop() {
    for (RoomPage p : pages) p.close();
    if (chromium != null) chromium.close();
    if (host != null) host.close();
    if (ns != null) ns.close();
  }

  private RoomPage open(String name, String pathAndFragment) {
    RoomPage p = chromium.newViewer(name, 900, 900);
    pages.add(p);
    p.page().navigate(host.baseUri() + pathAndFragment);
    return p;
  }

  private static Path shot(String name) {
    return Path.of("target", "e2e-screenshots", name);
  }

  @Test
  void twoPagesWithNoServer_pairByCode_chat_shareAFilm_andPlayPauseSeekInSync() {
    RoomPage ann = open("Ann", "/nearby.html");
    Page a = ann.page();
    a.locator("#nearby-name").fill("Ann");
    a.locator("#nearby-start").click();
    a.locator("#nearby-qr svg").waitFor();
    String offer = a.locator("#nearby-code").inputValue();
    assertThat(offer).startsWith("CW1O.");
    ann.screenshot(shot("nearby-offer.png"));

    // What the QR code holds: this page's address with the code after '#' (never sent to any host).
    RoomPage bea = open("Bea", "/nearby.html#" + offer);
    Page b = bea.page();
    assertThat(b.locator("#nearby-offer").inputValue()).isEqualTo(offer);
    b.locator("#nearby-name").fill("Bea");
    bea.screenshot(shot("nearby-paste.png"));
    b.locator("#nearby-make-answer").click();
    b.locator(".nearby-answer-code #nearby-code").waitFor();
    String answer = b.locator(".nearby-answer-code #nearby-code").inputValue();
    assertThat(answer).startsWith("CW1A.");
    System.out.printf("nearby: offer %d characters (QR code %s modules a side), answer %d%n", offer.length(),
        a.locator("#nearby-qr svg").getAttribute("viewBox").split(" ")[2], answer.length());
    bea.screenshot(shot("nearby-answer.png"));

    // What people get wrong, refused in words: the offer itself pasted back, and a text that is no code.
    a.locator("#nearby-answer").fill(offer);
    a.locator("#nearby-connect").click();
    ann.awaitText("#nearby-error", "starting code, not an answer", RoomPage.TIMEOUT_MS);
    a.locator("#nearby-answer").fill("hello, here is my answer");
    a.locator("#nearby-connect").click();
    ann.awaitText("#nearby-error", "not a Cowatch pairing code", RoomPage.TIMEOUT_MS);
    a.locator("#nearby-answer").fill(answer);
    a.locator("#nearby-connect").click();

    a.locator("#nearby-room").waitFor();
    b.locator("#nearby-room").waitFor();
    ann.awaitText("#nearby-connected", "Bea", RoomPage.TIMEOUT_MS);
    ann.awaitText("#nearby-connected", "directly", RoomPage.TIMEOUT_MS);
    bea.awaitText("#nearby-connected", "Ann", RoomPage.TIMEOUT_MS);

    a.locator("#nearby-chat-input").fill("popcorn ready?");
    a.locator("#nearby-chat-input").press("Enter");
    bea.awaitText("#nearby-chat", "popcorn ready?", RoomPage.TIMEOUT_MS);

    // Ann shares the film from her disk; Bea accepts and plays it while it arrives.
    a.locator("#share-file").setInputFiles(film);
    b.locator("#p2p-offer-text").waitFor();
    assertThat(bea.text("#p2p-offer-text")).contains("Ann").contains("film.mp4");
    b.locator("#p2p-accept").click();
    b.waitForFunction("() => window.__cowatch.video.readyState >= 2", null, new Page.WaitForFunctionOptions().setTimeout(30_000));
    a.waitForFunction("() => window.__cowatch.video.readyState >= 2", null, new Page.WaitForFunctionOptions().setTimeout(30_000));

    // Bea presses play on her player: a person's gesture, which both pages follow.
    b.evaluate("() => window.__cowatch.video.play()");
    inStepPast(ann, bea, 1_000, 30, "playing");
    bea.screenshot(shot("nearby-room-bea.png"));
    ann.screenshot(shot("nearby-room-ann.png"));

    // Ann pauses: Bea's player pauses where Ann's did.
    a.evaluate("() => window.__cowatch.video.pause()");
    b.waitForFunction("() => window.__cowatch.video.paused && window.__cowatch.client.timeline.state === 'paused'");
    a.waitForFunction("() => window.__cowatch.video.paused");
    idleUntilSettled(ann, bea);
    assertThat(Math.abs(ann.sample().positionMs() - bea.sample().positionMs())).as("paused apart (ms)").isLessThanOrEqualTo(IN_STEP_MS);

    // Bea seeks to 15 s while paused, then Ann plays: both go on from 15 s.
    b.evaluate("() => { window.__cowatch.video.currentTime = 15; }");
    try {
      a.waitForFunction("() => Math.abs(window.__cowatch.video.currentTime - 15) < 0.2 && !window.__cowatch.video.seeking", null,
          new Page.WaitForFunctionOptions().setTimeout(20_000));
    } catch (com.microsoft.playwright.TimeoutError e) {
      throw new AssertionError("Bea's seek did not reach Ann: Ann " + state(ann) + ", Bea " + state(bea), e);
    }
    a.evaluate("() => window.__cowatch.video.play()");
    inStepPast(ann, bea, 16_000, 20, "after the seek");

    // Nothing was asked of any server: only the static host's files.
    assertThat(host.asked()).as("what the pages asked the static host for")
        .allSatisfy(path -> assertThat(path).matches("/(nearby\\.html|sw\\.js|assets/[A-Za-z0-9._-]+)"));
    assertThat(ann.problems()).as("Ann's page errors").isEmpty();
    assertThat(bea.problems()).as("Bea's page errors").isEmpty();

    // Ann leaves: Bea is told, in words.
    a.locator("#nearby-leave").click();
    bea.awaitText("#nearby-lost", "Ann", RoomPage.TIMEOUT_MS);

    // With no network at all (the installed app on a train), the page still opens: the service worker kept it.
    int askedBefore = host.asked().size();
    b.context().setOffline(true);
    b.navigate(host.baseUri() + "/nearby.html");
    b.locator("#nearby-start").waitFor();
    assertThat(host.asked()).as("asked of the host while offline").hasSize(askedBefore);
    b.context().setOffline(false);
  }

  /** Once both play past `positionMs`: how far apart they are over `n` readings, printed and held to IN_STEP_MS. */
  private static void inStepPast(RoomPage one, RoomPage other, double positionMs, int n, String when) {
    awaitPlayingPast(one, positionMs);
    awaitPlayingPast(other, positionMs);
    Percentiles apart = apart(one, other, n);
    System.out.printf("nearby: %s apart %s ms%n", when, apart);
    assertThat(apart.p(95)).as("the two pages apart %s, p95 (ms)", when).isLessThanOrEqualTo(IN_STEP_MS);
  }

  private static void awaitPlayingPast(RoomPage page, double positionMs) {
    page.page().waitForFunction("(p) => { const v = window.__cowatch.video; return !v.paused && v.currentTime * 1000 > p; }",
        positionMs, new Page.WaitForFunctionOptions().setTimeout(30_000));
  }

  /** How far apart the two players are, read `n` times 200 ms apart, each pair brought to one wall instant. */
  private static Percentiles apart(RoomPage one, RoomPage other, int n) {
    List<Double> gaps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      PageSample x = one.sample();
      PageSample y = other.sample();
      double at = Math.max(x.wallMs(), y.wallMs());
      if (x.playing() && y.playing()) gaps.add(Math.abs(x.positionAt(at) - y.positionAt(at)));
      one.idle(200);
    }
    assertThat(gaps.size()).as("readings with both playing").isGreaterThanOrEqualTo(n / 2);
    return new Percentiles(gaps);
  }

  /** Both players paused where the room's timeline says, the engine done moving them. */
  private static void idleUntilSettled(RoomPage one, RoomPage other) {
    for (RoomPage p : List.of(one, other)) {
      p.page().waitForFunction("""
          () => { const w = window.__cowatch, v = w.video;
            return v.paused && !v.seeking && Math.abs(v.currentTime * 1000 - w.client.expectedPositionMs()) < 40; }""");
    }
  }

  /** What a page's player and room say, for a failure's message. */
  private static String state(RoomPage p) {
    return String.valueOf(p.page().evaluate("""
        () => { const w = window.__cowatch, v = w.video;
          return JSON.stringify({ t: v.currentTime, paused: v.paused, seeking: v.seeking, timeline: w.client.timeline }); }"""));
  }
}
