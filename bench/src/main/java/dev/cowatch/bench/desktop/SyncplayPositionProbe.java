package dev.cowatch.bench.desktop;

import dev.cowatch.e2e.E2eStack;
import dev.cowatch.e2e.MpvIpc;
import dev.cowatch.e2e.PageSample;
import dev.cowatch.e2e.Percentiles;
import dev.cowatch.e2e.RoomPage;
import dev.cowatch.e2e.SyncplayClient;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How far a real Syncplay client's player is from a Chromium page in the same Cowatch room in steady
 * playback: Debian's Syncplay 1.6.9 with mpv (no video or audio output) joins through the server's
 * Syncplay endpoint, the page plays, and after a settling time both players are read every
 * {@link #SAMPLE_MS}: mpv through its IPC socket, the page in the browser, each with the wall time of
 * its reading (one machine: one clock). Their difference is taken at the page's instant, counting only
 * readings where both play. Syncplay's own client corrects only past its thresholds (slows down from
 * 1.5 s, seeks from 4 s), so what this shows is mostly Cowatch's State timing: the position sent at the
 * moment of sending, the client adding its measured one-way delay.
 *
 * <p>{@link #measure} works in any stack whose server has the Syncplay endpoint on, so desktop-sync can
 * run it beside its own players; {@link #run} is {@code bench/run syncplay-sync} on its own.
 */
public final class SyncplayPositionProbe {
  static final long SAMPLE_MS = 100;
  /** From the page's play until sampling: the client's first States, mpv's start and one correction. */
  static final long SETTLE_MS = 5_000;

  private SyncplayPositionProbe() {}

  /** The differences seen (ms, Syncplay's player minus the page's; positive: mpv ahead). */
  public record Result(Percentiles absoluteMs, double meanMs, int samples) {
    public String line() {
      return String.format(Locale.ROOT, "syncplay-sync: syncplay_pos_p95_ms=%.1f", absoluteMs.p(95));
    }
  }

  /**
   * Joins a Syncplay client "Syncplay" to {@code roomId} on {@code stack}'s Syncplay endpoint, plays from
   * {@code page} unless the room plays already, and measures for {@code steady}.
   */
  public static Result measure(E2eStack stack, String roomId, RoomPage page, Duration steady, PrintStream log)
      throws IOException, InterruptedException {
    int port = stack.server().syncplay().port();
    if (port < 0) throw new IllegalStateException("the server's Syncplay endpoint is off (SyncplayConfig.on)");
    Path work = Files.createTempDirectory("cowatch-syncplay-probe");
    Path video = Files.write(work.resolve(E2eStack.VIDEO), E2eStack.findVideo());
    try (SyncplayClient client = SyncplayClient.start("127.0.0.1:" + port, "Syncplay", roomId, video, work)) {
      page.awaitText("#participants", "Syncplay", 15_000);
      if (page.sample().paused()) page.clickPlayPause();
      Thread.sleep(SETTLE_MS);
      MpvIpc mpv = client.mpv();
      List<Double> absolute = new ArrayList<>();
      double sum = 0;
      double mpvVsRoom = 0;
      double pageVsRoom = 0;
      long until = System.currentTimeMillis() + steady.toMillis();
      while (System.currentTimeMillis() < until) {
        PageSample p = page.sample();
        MpvIpc.Sample m = mpv.sample();
        if (p.playing() && !m.paused() && !Double.isNaN(m.positionMs())) {
          double diff = m.positionAt(p.wallMs()) - p.positionMs();
          absolute.add(Math.abs(diff));
          sum += diff;
          double room = stack.timeline(roomId).positionAt(p.wallMs());
          mpvVsRoom += m.positionAt(p.wallMs()) - room;
          pageVsRoom += p.positionMs() - room;
        }
        Thread.sleep(SAMPLE_MS);
      }
      Result r = new Result(new Percentiles(absolute), absolute.isEmpty() ? Double.NaN : sum / absolute.size(),
          absolute.size());
      log.printf(Locale.ROOT, "syncplay-sync: |mpv - page| %s mean(mpv - page)=%.1f ms, mean(mpv - room)=%.1f ms,"
          + " mean(page - room)=%.1f ms%n", r.absoluteMs(), r.meanMs(), mpvVsRoom / r.samples(), pageVsRoom / r.samples());
      Files.write(work.resolve("syncplay-console.log"), client.console());
      log.println("syncplay-sync: Syncplay's console in " + work.resolve("syncplay-console.log"));
      return r;
    }
  }

  /** {@code bench/run syncplay-sync [--quick]}: a room with one Chromium page and one Syncplay client. */
  public static Result run(boolean quick, PrintStream out) throws IOException, InterruptedException {
    try (E2eStack stack = E2eStack.start(c -> c.syncplay(dev.cowatch.server.syncplay.SyncplayConfig.on(0)))) {
      String roomId = stack.createRoom();
      try (RoomPage page = stack.chromium().newViewer("Ann").join(stack.baseUri(), roomId)) {
        return measure(stack, roomId, page, Duration.ofSeconds(quick ? 8 : 30), out);
      }
    }
  }
}
