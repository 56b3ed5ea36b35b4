package dev.cowatch.bench.faults;

import dev.cowatch.e2e.Chromium;
import dev.cowatch.e2e.E2eStack;
import dev.cowatch.e2e.MediaServer;
import dev.cowatch.e2e.PageSample;
import dev.cowatch.e2e.RoomPage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench/run faults --browsers}: the failovers tried as people meet them. Two Chromium viewers of one room, each
 * on another node of the reference highly available deployment, play the film and say something in chat; then the
 * Redis primary is killed with SIGKILL during playback, and later the PostgreSQL primary. After each, the pages must
 * play on one timeline again by themselves (how far apart, measured from their players), take a pause made on one of
 * them, and still show what was typed before; a newcomer on the third node must find it in the room's history.
 * Screenshots of every step go to the run's folder.
 */
public final class FaultsInBrowsers {
  /** Two viewers within this of each other play on one timeline (the web app's own corrections keep them within it). */
  static final double ONE_TIMELINE_MS = 100;
  static final Duration RECOVER_WITHIN = Duration.ofSeconds(20);

  private FaultsInBrowsers() {}

  public static String run(Path dir, PrintStream out) throws Exception {
    try (HaDeployment d = HaDeployment.start(dir.resolve("deployment"), false);
        MediaServer media = MediaServer.start(Map.of(E2eStack.VIDEO, E2eStack.findVideo()), E2eStack.SLOW)) {
      HttpOps http = new HttpOps(d.entry(), new Recorder());
      String[] owner = http.guest("Owner");
      String room = http.roomWithMedia(owner[0], "Failover trial", media.url(E2eStack.VIDEO));
      Chromium chromium = Chromium.shared();
      RoomPage ann = chromium.newViewer("Ann").join(d.nodes().get(0).base(), room);
      RoomPage ben = chromium.newViewer("Ben").join(d.nodes().get(1).base(), room);
      List<RoomPage> pages = List.of(ann, ben);
      ann.clickPlayPause();
      double before = awaitOneTimeline(pages, false);
      say(ann, "Ann was here before the kills");
      say(ben, "Ben was here before the kills");
      for (RoomPage p : pages) p.awaitText("#chat-lines", "Ben was here before the kills", 10_000);
      shoot(pages, dir, "1-playing");
      out.printf(Locale.ROOT, "faults --browsers: playing on nodes 0 and 1, %.1f ms apart%n", before);

      int killed = d.stores().redisPrimaryPort();
      d.stores().killRedisPrimary();
      long redisAt = System.nanoTime();
      while (d.stores().redisPrimaryPort() == killed) Thread.sleep(100);
      d.stores().restartRedis();
      ann.idle(3_000);
      shoot(pages, dir, "2-after-redis-failover");
      double afterRedis = awaitOneTimeline(pages, false);
      out.printf(Locale.ROOT, "faults --browsers: Redis primary killed; one timeline again after %.1f s, %.1f ms apart%n",
          (System.nanoTime() - redisAt) / 1e9, afterRedis);

      d.stores().killPgPrimary();
      long pgAt = System.nanoTime();
      Thread.sleep(1_000);
      d.stores().promotePgStandby();
      d.stores().rebuildPgStandby();
      ann.idle(2_000);
      double afterPg = awaitOneTimeline(pages, false);
      out.printf(Locale.ROOT, "faults --browsers: PostgreSQL primary killed; one timeline %.1f ms apart, looked at %.1f s "
          + "after the kill (a promotion and a new standby later)%n", afterPg, (System.nanoTime() - pgAt) / 1e9);
      shoot(pages, dir, "3-after-postgresql-failover");

      // The room still takes what people do: a pause on Ben's page stops both.
      ben.clickPlayPause();
      double paused = awaitOneTimeline(pages, true);
      RoomPage cat = chromium.newViewer("Cat").join(d.nodes().get(2).base(), room);
      int kept = 0;
      for (String line : List.of("Ann was here before the kills", "Ben was here before the kills")) {
        boolean everywhere = true;
        for (RoomPage p : List.of(ann, ben, cat)) everywhere &= p.text("#chat-lines").contains(line);
        if (everywhere) kept++;
      }
      shoot(List.of(ann, ben, cat), dir, "4-paused-and-a-newcomer");
      for (RoomPage p : List.of(ann, ben, cat)) p.close();
      return String.format(Locale.ROOT, "faults-in-browsers: before_ms=%.1f after_redis_ms=%.1f after_pg_ms=%.1f "
          + "paused_apart_ms=%.1f chat_kept=%d/2 screenshots=%s", before, afterRedis, afterPg, paused, kept, dir);
    }
  }

  private static void say(RoomPage page, String text) {
    page.page().locator("#chat-input").fill(text);
    page.page().locator("#chat-input").press("Enter");
  }

  private static void shoot(List<RoomPage> pages, Path dir, String step) {
    for (RoomPage p : pages) p.screenshot(dir.resolve(step + "-" + p.name() + ".png"));
  }

  /**
   * Waits until every page plays (or, {@code paused}, rests) and all are within {@link #ONE_TIMELINE_MS} of each
   * other, and says how far apart they are then; fails after {@link #RECOVER_WITHIN}.
   */
  private static double awaitOneTimeline(List<RoomPage> pages, boolean paused) throws Exception {
    long until = System.nanoTime() + RECOVER_WITHIN.toNanos();
    double apart = Double.MAX_VALUE;
    while (System.nanoTime() < until) {
      double now = System.currentTimeMillis();
      double lo = Double.MAX_VALUE;
      double hi = -Double.MAX_VALUE;
      boolean allInState = true;
      for (RoomPage p : pages) {
        PageSample s = p.sample();
        allInState &= s.paused() == paused && !s.seeking();
        double at = s.positionAt(now);
        lo = Math.min(lo, at);
        hi = Math.max(hi, at);
      }
      apart = hi - lo;
      if (allInState && apart <= ONE_TIMELINE_MS) return apart;
      Thread.sleep(200);
    }
    throw new IllegalStateException(String.format(Locale.ROOT, "the pages were not on one timeline (%s) within %d s: "
        + "%.1f ms apart", paused ? "paused" : "playing", RECOVER_WITHIN.toSeconds(), apart));
  }
}
