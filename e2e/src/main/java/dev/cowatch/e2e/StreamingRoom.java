package dev.cowatch.e2e;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.cowatch.core.room.PlaybackState;
import dev.cowatch.e2e.SiteServer.Site;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Two people with the extension on one streaming site (a real player on adaptive DASH or HLS with an ad spliced in,
 * {@link AdaptiveStreams}), in one room: one plays, steady; the other seeks; the link is throttled so the players
 * switch quality and freed so they switch back; then both play into the ad, which holds the room by its policy
 * (wait for everyone, the default), and on after it. Shared by the browser test and {@code bench/run extension-sync
 * --players}.
 */
public final class StreamingRoom {
  static final long SAMPLE_MS = 100;
  static final long SETTLE_MS = 1_000;
  static final long SEEK_WINDOW_MS = 3_000;
  /** How long the players stay together for a seek to have landed (see {@link ExtensionRoom#seekLanding}). */
  static final long SEEK_HOLD_MS = 1_000;
  /** How long a step may wait for the players (an ad, a switch) before the session fails. */
  static final long STEP_TIMEOUT_MS = 30_000;
  /** The forward buffer the pages keep (?buffer=): a throttle shows within seconds, as on sites that cap it. */
  static final int BUFFER_S = 4;
  /** Below the 360p renditions (~790 kbit/s with audio), above the 240p ones (~330-390). */
  static final long THROTTLED_BPS = 400_000;

  /**
   * @param firstSteadyMs sampled after the first play
   * @param seekToMs where the second person seeks (film time)
   * @param throttledMs how long the link is throttled
   * @param afterAdMs sampled after the ad
   */
  public record Scenario(long firstSteadyMs, long seekToMs, long throttledMs, long afterAdMs) {
    /**
     * For {@link AdaptiveStreams.Spec#DEFAULT} (60 s, the ad at 20 s). The throttle lasts 12 s: Shaka Player finishes
     * the 540p segment it began (8 s at the throttled rate) and switches no sooner than 8 s after its last switch.
     */
    public static Scenario full() {
      return new Scenario(4_000, 2_000, 12_000, 8_000);
    }

    /**
     * For a short film whose ad is at 13 s or later. The throttle lasts 7 s: Shaka Player finishes the segment it has
     * begun before it switches, and a 540p segment takes 8 s at the throttled rate.
     */
    public static Scenario quick() {
      return new Scenario(1_500, 1_000, 7_000, 2_000);
    }
  }

  /**
   * @param switches quality switches rendered, both pages together
   * @param adHolds ads during which the room's timeline waited
   * @param adHoldMs how long it waited
   * @param errors fatal errors the pages' players logged
   * @param mediaAheadMs at the end, how far the element's position was ahead of the film's on each page, the
   *     lesser of the two: the ad's length once past it, if the ad was taken out of the film's time
   */
  public record Result(Site site, String adapter, double posP50, double posP95, double posP99, double seekConvergeMs, int switches,
      int adHolds, double adHoldMs, int errors, double mediaAheadMs) {
    public String line() {
      return String.format(Locale.ROOT, "%s (%s): pos_p95_ms=%.1f pos_p99_ms=%.1f seek_converge_ms=%.0f abr_switches=%d"
          + " ad_holds=%d ad_hold_ms=%.0f errors=%d", site.name().toLowerCase(Locale.ROOT), adapter, posP95, posP99,
          seekConvergeMs, switches, adHolds, adHoldMs, errors);
    }
  }

  private StreamingRoom() {}

  /** The name each site's player announces from the extension's page world (extension/src/page/players). */
  public static String adapterOf(Site site) {
    return switch (site) {
      case SHAKA -> "shaka-player";
      case DASHJS -> "dash.js";
      case HLSJS -> "hls.js";
      case VIDEOJS -> "video.js";
      default -> throw new IllegalArgumentException(site + " is not a streaming site");
    };
  }

  /**
   * The session on {@code site}; with {@code shots} (else null), screenshots there of Ann's page while throttled and
   * during the ad, and of her popup during the ad.
   */
  public static Result run(E2eStack stack, SiteServer sites, AdaptiveStreams streams, Playwright playwright, Site site,
      Scenario scenario, Path shots, PrintStream out) throws Exception {
    String name = site.name().toLowerCase(Locale.ROOT);
    sites.throttle(0);
    try (ExtensionViewer ann = ExtensionViewer.launch(playwright, "Ann");
         ExtensionViewer ben = ExtensionViewer.launch(playwright, "Ben")) {
      String url = sites.streamUrl(site) + "&buffer=" + BUFFER_S;
      for (ExtensionViewer v : List.of(ann, ben)) {
        v.open(url);
        v.useServer(stack.baseUri());
      }
      String link = ann.createRoom();
      ben.join(link);
      ann.awaitBound();
      ben.awaitBound();
      String adapter = awaitAdapter(ann, adapterOf(site));
      awaitAdapter(ben, adapterOf(site));
      ExtensionRoom room = new ExtensionRoom(stack, ExtensionRoom.idOf(link), List.of(ann, ben));
      Map<String, List<Round>> phases = new java.util.LinkedHashMap<>();

      out.printf(Locale.ROOT, "%s: Ben plays on the site's player (driven through %s)%n", site, adapter);
      ben.play();
      room.awaitPlayingTogether();
      room.idle(SETTLE_MS);
      phases.put("after the play", room.sampleSteady(scenario.firstSteadyMs(), SAMPLE_MS));

      out.printf(Locale.ROOT, "  Ann seeks to %d ms%n", scenario.seekToMs());
      double convergeMs = room.seekLanding(ann, scenario.seekToMs(), SEEK_WINDOW_MS, SEEK_HOLD_MS);
      out.printf(Locale.ROOT, "  landed %.0f ms after the gesture (together for %d ms from then)%n", convergeMs, SEEK_HOLD_MS);

      out.printf(Locale.ROOT, "  the link throttled to %d kbit/s for %d ms, then freed%n", THROTTLED_BPS / 1000,
          scenario.throttledMs());
      sites.throttle(THROTTLED_BPS);
      List<Round> throttled = new ArrayList<>(room.sampleSteady(scenario.throttledMs(), SAMPLE_MS));
      // A player's rules decide when it switches (Shaka Player first finishes the segment it began): the link stays
      // throttled until each page has switched down, within a bound.
      long until = System.currentTimeMillis() + STEP_TIMEOUT_MS;
      while (!List.of(ann, ben).stream().allMatch(StreamingRoom::switchedDown) && System.currentTimeMillis() < until) {
        throttled.addAll(room.sampleSteady(500, SAMPLE_MS));
      }
      phases.put("throttled", throttled);
      if (shots != null) ann.site().screenshot(new Page.ScreenshotOptions().setPath(shots.resolve(name + "-throttled.png")));
      sites.throttle(0);
      long adStartMs = streams.adStartMs();
      phases.put("freed", sampleUntilFilm(room, adStartMs - SETTLE_MS));

      AdHold hold = throughTheAd(room, List.of(ann, ben), adStartMs, () -> {
        if (shots == null) return;
        ann.site().screenshot(new Page.ScreenshotOptions().setPath(shots.resolve(name + "-ad.png")));
        ann.popup().screenshot(new Page.ScreenshotOptions().setPath(shots.resolve(name + "-ad-popup.png")));
      });
      out.printf(Locale.ROOT, "  the ad at %d ms: the room waited %s (%.0f ms)%n", adStartMs, hold.held() ? "yes" : "no",
          hold.waitedMs());
      room.awaitPlayingTogether();
      room.idle(SETTLE_MS);
      phases.put("after the ad", room.sampleSteady(scenario.afterAdMs(), SAMPLE_MS));

      List<Double> pairs = new ArrayList<>();
      List<Round> steady = new ArrayList<>();
      for (Map.Entry<String, List<Round>> phase : phases.entrySet()) {
        // Steady playback as the other benchmarks count it: from a second after each change of the timeline (a
        // throttled player makes the room wait and start again, and each start is a landing, not a steady state).
        phase.setValue(phase.getValue().stream().filter(r -> r.instantMs() - r.timeline().anchorTimeMs() >= SETTLE_MS).toList());
        List<Double> here = new ArrayList<>();
        for (Round r : phase.getValue()) here.addAll(r.pairDiffsMs());
        pairs.addAll(here);
        steady.addAll(phase.getValue());
        // Where a spread came from: each phase's own figures and its worst round as the pages read it.
        Round worst = phase.getValue().stream().max(java.util.Comparator.comparingDouble(Round::spreadMs)).orElse(null);
        out.printf(Locale.ROOT, "  %s: %s%s%n", phase.getKey(), here.isEmpty() ? "no steady rounds" : new Percentiles(here),
            worst == null ? "" : "; worst round: " + RoomSession.describe(worst).replace('\n', ' '));
      }
      Percentiles pos = new Percentiles(pairs);
      int switches = 0;
      int errors = 0;
      double mediaAheadMs = Double.POSITIVE_INFINITY;
      for (ExtensionViewer v : List.of(ann, ben)) {
        Map<String, Object> sample = v.rawSample();
        if (sample != null && sample.get("mediaPositionMs") instanceof Number media
            && sample.get("positionMs") instanceof Number film) {
          mediaAheadMs = Math.min(mediaAheadMs, media.doubleValue() - film.doubleValue());
        } else {
          mediaAheadMs = Double.NaN;
        }
        List<Map<String, Object>> log = v.siteLog();
        switches += (int) log.stream().filter(e -> "switch".equals(e.get("type")) && e.get("fromHeight") != null).count();
        errors += (int) log.stream().filter(e -> "error".equals(e.get("type"))).count();
      }
      out.printf(Locale.ROOT, "  steady rounds=%d, pairwise position difference: %s; segments served %s%n",
          steady.size(), pos, sites.segmentsServed());
      return new Result(site, adapter, pos.p(50), pos.p(95), pos.p(99), convergeMs, switches, hold.held() ? 1 : 0, hold.waitedMs(),
          errors, mediaAheadMs);
    } finally {
      sites.throttle(0);
    }
  }

  /** Whether the page's player rendered a lower quality than the one before it. */
  private static boolean switchedDown(ExtensionViewer viewer) {
    return viewer.siteLog().stream().anyMatch(e -> "switch".equals(e.get("type")) && e.get("fromHeight") instanceof Number from
        && e.get("toHeight") instanceof Number to && to.intValue() < from.intValue());
  }

  private static String awaitAdapter(ExtensionViewer viewer, String expected) {
    long until = System.currentTimeMillis() + STEP_TIMEOUT_MS;
    String seen = null;
    while (System.currentTimeMillis() < until) {
      seen = viewer.adapter();
      if (expected.equals(seen)) return seen;
      viewer.idle(100);
    }
    throw new AssertionError(viewer.name() + ": the player is driven through " + seen + ", not " + expected);
  }

  /** Samples the steady rounds until the room's timeline reaches {@code filmMs}. */
  private static List<Round> sampleUntilFilm(ExtensionRoom room, long filmMs) {
    List<Round> rounds = new ArrayList<>();
    long until = System.currentTimeMillis() + STEP_TIMEOUT_MS + filmMs;
    while (System.currentTimeMillis() < until) {
      Round r = room.round();
      if (r.timeline().positionAt(r.instantMs()) >= filmMs) return rounds;
      if (r.allPlaying()) rounds.add(r);
      room.idle(SAMPLE_MS);
    }
    throw new AssertionError("the room never reached " + filmMs + " ms; " + RoomSession.describe(room.round()));
  }

  /** Whether the room's timeline waited while an ad played, and how long it waited. */
  record AdHold(boolean held, double waitedMs) {}

  /** Follows the room from just before the ad until everyone is past it and the room plays again. */
  private static AdHold throughTheAd(ExtensionRoom room, List<ExtensionViewer> viewers, long adStartMs, Runnable atTheAd) {
    long until = System.currentTimeMillis() + STEP_TIMEOUT_MS * 2;
    boolean adSeen = false;
    long waitingSince = -1;
    double waitedMs = 0;
    while (System.currentTimeMillis() < until) {
      boolean ad = viewers.stream().anyMatch(ExtensionViewer::adPlaying);
      if (ad && !adSeen) atTheAd.run();
      adSeen |= ad;
      PlaybackState state = room.timeline().state();
      long now = System.currentTimeMillis();
      if (state == PlaybackState.WAITING && waitingSince < 0) waitingSince = now;
      if (state != PlaybackState.WAITING && waitingSince >= 0) {
        waitedMs += now - waitingSince;
        waitingSince = -1;
      }
      if (adSeen && !ad && state == PlaybackState.PLAYING) return new AdHold(waitedMs > 0, waitedMs);
      room.idle(20);
    }
    throw new AssertionError((adSeen ? "the ad never ended for everyone" : "no viewer saw the ad at " + adStartMs + " ms")
        + "; " + RoomSession.describe(room.round()));
  }
}
