package dev.cowatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.e2e.SiteServer.Site;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The extension in a real Firefox (Debian's firefox-esr, driven over WebDriver BiDi by extension/firefox-member.mjs)
 * follows a room with a member in Chromium: Ann (Chromium, extension) makes a room for a page; Fox opens the room
 * link in Firefox, where the web app offers to open that page, and the extension binds its video; then play, seek
 * and pause from either side reach the other.
 */
@RunsAlone
class FirefoxExtensionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(30);

  record Reading(double positionMs, boolean paused, double wallMs) {}

  @Test
  void theExtensionInFirefox_followsARoomWithAChromiumMember() throws Exception {
    Path work = Files.createTempDirectory("cowatch-firefox");
    try (E2eStack stack = E2eStack.start(); SiteServer sites = SiteServer.start();
        Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        ExtensionViewer ann = ExtensionViewer.launch(playwright, "Ann")) {
      // The strict test page (connect-src 'self'): in Firefox the room's socket is the background's.
      ann.open(sites.url(Site.PLAIN, stack.videoUrl()));
      ann.useServer(stack.baseUri());
      String link = ann.createRoom();
      ann.awaitBound();
      String roomId = ExtensionRoom.idOf(link);
      ExtensionRoom room = new ExtensionRoom(stack, roomId, List.of(ann));

      AtomicReference<Reading> last = new AtomicReference<>();
      Process fox = startFox(stack, work, link, ann, last);
      try (Writer commands = new java.io.OutputStreamWriter(fox.getOutputStream(), StandardCharsets.UTF_8)) {

        ann.play();
        await("Firefox playing on the room's timeline", last, r -> !r.paused() && Math.abs(error(stack, roomId, r)) < 100);
        room.idle(2_000);
        double worst = 0;
        for (int i = 0; i < 20; i++) {
          worst = Math.max(worst, Math.abs(error(stack, roomId, last.get())));
          room.idle(100);
        }
        System.out.printf("firefox: steady worst distance from the timeline %.1f ms%n", worst);
        // On the room's timeline as a viewer sees it: within a few frames. Firefox's player rests 2-3 frames off
        // where Chromium's rests within one (issue 53's table), and beside another browser test on two cores its
        // worst reading came to 101.5 ms once (2026-11-26): 150 ms still fails a player seconds off or a drift
        // that grows; bench/run extension-sync measures the figures.
        assertThat(worst).isLessThan(150);

        room.seekFrom(ann, 20_000, 3_000);
        await("Firefox at the seek", last, r -> !r.paused() && r.positionMs() > 19_500 && Math.abs(error(stack, roomId, r)) < 100);

        long before = stack.timeline(roomId).version();
        commands.write("pause\n");
        commands.flush();
        room.await("Fox's pause in Firefox to reach the room and Ann", r -> r.timeline().version() > before
            && r.timeline().state() == PlaybackState.PAUSED && r.samples().getFirst().paused(), 50);
        commands.write("quit\n");
        commands.flush();
      } finally {
        if (!fox.waitFor(15, TimeUnit.SECONDS)) fox.destroyForcibly();
      }
    }
  }

  /**
   * The streaming sites this runs on: hls.js in the suite (a minute each, in the machine-alone group); all four with
   * {@code -Dcowatch.e2e.firefoxSites=SHAKA,DASHJS,HLSJS,VIDEOJS}.
   */
  static Stream<Site> firefoxSites() {
    return Arrays.stream(System.getProperty("cowatch.e2e.firefoxSites", "HLSJS").split(",")).map(String::strip)
        .map(Site::valueOf);
  }

  /**
   * The same on a streaming site (a player on adaptive DASH or HLS with an ad in the stream; Firefox plays HLS's
   * MPEG-TS through the player converting the segments itself): Fox's video follows the room, the ad holds the room,
   * and after it Fox plays on the film's time, not the stream's (which counts the ad).
   */
  @LongScenario
  @ParameterizedTest
  @MethodSource("firefoxSites")
  void theExtensionInFirefox_onAStreamingSite_followsTheRoomThroughTheAd(Site site) throws Exception {
    Path work = Files.createTempDirectory("cowatch-firefox");
    AdaptiveStreams streams = AdaptiveStreams.make(Path.of(System.getProperty("cowatch.e2e.out", "target"))
        .resolve("streams-extension"), ExtensionPlayersBrowserTest.SPEC);
    try (E2eStack stack = E2eStack.start(); SiteServer sites = SiteServer.start(streams);
        Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        ExtensionViewer ann = ExtensionViewer.launch(playwright, "Ann")) {
      ann.open(sites.streamUrl(site) + "&buffer=" + StreamingRoom.BUFFER_S);
      ann.useServer(stack.baseUri());
      String link = ann.createRoom();
      ann.awaitBound();
      String roomId = ExtensionRoom.idOf(link);
      ExtensionRoom room = new ExtensionRoom(stack, roomId, List.of(ann));

      AtomicReference<Reading> last = new AtomicReference<>();
      Process fox = startFox(stack, work, link, ann, last);
      try (Writer commands = new java.io.OutputStreamWriter(fox.getOutputStream(), StandardCharsets.UTF_8)) {

        ann.play();
        // Fox's readings are the element's (the stream's time): the film's is that less the ad once past it.
        Predicate<Reading> onTheTimeline = r -> !r.paused() && Math.abs(filmError(stack, roomId, streams, r)) < 100;
        await("Firefox playing on the room's timeline", last, onTheTimeline);
        long adEnd = streams.adStartMs() + streams.adDurationMs();
        await("Firefox in the ad", last, r -> r.positionMs() > streams.adStartMs() + 300 && r.positionMs() < adEnd);
        room.await("the room waiting for the ad", r -> r.timeline().state() == PlaybackState.WAITING, 20);
        await("Firefox past the ad, on the room's timeline", last,
            r -> r.positionMs() > adEnd + 1_000 && onTheTimeline.test(r));
        room.idle(1_000);
        double worst = 0;
        for (int i = 0; i < 20; i++) {
          worst = Math.max(worst, Math.abs(filmError(stack, roomId, streams, last.get())));
          room.idle(100);
        }
        System.out.printf("firefox: %s after the ad, worst distance from the timeline %.1f ms (film time)%n", site, worst);
        assertThat(worst).isLessThan(150);
        commands.write("quit\n");
        commands.flush();
      } finally {
        if (!fox.waitFor(15, TimeUnit.SECONDS)) fox.destroyForcibly();
      }
    }
  }

  private static double filmError(E2eStack stack, String roomId, AdaptiveStreams streams, Reading r) {
    Timeline t = stack.timeline(roomId);
    return streams.filmTimeAt(Math.round(r.positionMs())) - t.positionAt(r.wallMs());
  }

  /**
   * Fox in Firefox with the extension, built for this server (a temporary add-on cannot be given another in its popup
   * here: BiDi may not open moz-extension pages), joined by the room link; returns once Fox's video is bound and Ann
   * sees Fox twice (in the web app's room page, and the extension's member in the page it opened). Readings go to
   * {@code last}.
   */
  private static Process startFox(E2eStack stack, Path work, String link, ExtensionViewer ann, AtomicReference<Reading> last)
      throws IOException, InterruptedException {
    Path extension = ExtensionBuild.sourceDir();
    run(extension, "node", "build.mjs", work.toString(), stack.baseUri().toString());
    Process fox = new ProcessBuilder("node", "firefox-member.mjs", work.resolve("firefox").toString(), link, "Fox")
        .directory(extension.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    Thread.ofVirtual().start(() -> read(fox, last));
    try {
      await("Fox's video bound in Firefox", last, r -> true);
      ann.popup().locator("#members li", new Page.LocatorOptions().setHasText("Fox")).nth(1).waitFor();
    } catch (RuntimeException | AssertionError | InterruptedException e) {
      fox.destroyForcibly();
      throw e;
    }
    return fox;
  }

  private static double error(E2eStack stack, String roomId, Reading r) {
    Timeline t = stack.timeline(roomId);
    // One machine: Firefox's wall clock is the server's.
    return r.positionMs() - t.positionAt(r.wallMs());
  }

  private static void await(String what, AtomicReference<Reading> last, Predicate<Reading> test) throws InterruptedException {
    long until = System.currentTimeMillis() + WAIT.toMillis();
    while (System.currentTimeMillis() < until) {
      Reading r = last.get();
      if (r != null && test.test(r)) return;
      Thread.sleep(50);
    }
    throw new AssertionError("timed out waiting for " + what + "; last reading " + last.get());
  }

  private static void read(Process p, AtomicReference<Reading> last) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        JsonNode n = JSON.readTree(line);
        last.set(new Reading(n.path("positionMs").asDouble(), n.path("paused").asBoolean(), n.path("wallMs").asDouble()));
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  private static void run(Path dir, String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IOException(String.join(" ", command) + " failed: " + out);
  }
}
