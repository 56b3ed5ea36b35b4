package dev.cowatch.bench;

import dev.cowatch.e2e.Percentiles;
import dev.cowatch.e2e.desktop.DesktopRoom;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Desktop players against the browser: the real server, a Chromium page, and an mpv and a VLC driven
 * by cowatch-bridge, in one room on an ffmpeg-made video (50 fps, so mpv's frame clock is read every
 * 20 ms). After the page starts playback and everyone has settled, the three are read every 100 ms:
 * the page's video element, mpv through an IPC connection of its own (its last frame's time plus the
 * time since), VLC through its HTTP interface, all brought to the page's reading instant. The figures
 * are the p95 of |mpv - page| and |VLC - page|. Then a real Syncplay client (with mpv) in a room of
 * its own through the server's Syncplay endpoint, against a page there ({@code SyncplayPositionProbe}).
 */
public final class DesktopSyncBench {
  static final long SAMPLE_MS = 100;
  static final long SETTLE_MS = 3_000;

  /** How long steady playback is sampled, on a video this long. */
  public record Scenario(long steadyMs, int videoSeconds) {
    public static Scenario full() {
      return new Scenario(40_000, 75);
    }

    public static Scenario quick() {
      return new Scenario(8_000, 30);
    }
  }

  /** The figures; NaN for none measured. */
  public record Result(double mpvP95Ms, double vlcP95Ms, double syncplayP95Ms) {
    public String line() {
      return String.format(Locale.ROOT, "desktop-sync: mpv_pos_p95_ms=%s vlc_pos_p95_ms=%s syncplay_pos_p95_ms=%s",
          fmt(mpvP95Ms), fmt(vlcP95Ms), fmt(syncplayP95Ms));
    }

    private static String fmt(double v) {
      return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f", v);
    }
  }

  private final Scenario scenario;

  public DesktopSyncBench(Scenario scenario) {
    this.scenario = scenario;
  }

  public Result run(PrintStream out) throws Exception {
    Result result;
    try (DesktopRoom room = DesktopRoom.start(scenario.videoSeconds())) {
      room.page().clickPlayPause();
      room.awaitPlayingTogether(250);
      room.page().idle(SETTLE_MS);
      List<Double> mpvAbs = new ArrayList<>();
      List<Double> vlcAbs = new ArrayList<>();
      List<Double> mpvSigned = new ArrayList<>();
      List<Double> vlcSigned = new ArrayList<>();
      long until = System.currentTimeMillis() + scenario.steadyMs();
      while (System.currentTimeMillis() < until) {
        DesktopRoom.Reading r = room.read();
        if (r.allPlaying()) {
          mpvAbs.add(Math.abs(r.mpvMinusPageMs()));
          vlcAbs.add(Math.abs(r.vlcMinusPageMs()));
          mpvSigned.add(r.mpvMinusPageMs());
          vlcSigned.add(r.vlcMinusPageMs());
        }
        room.page().idle(SAMPLE_MS);
      }
      Percentiles mpv = new Percentiles(mpvAbs);
      Percentiles vlc = new Percentiles(vlcAbs);
      out.println("desktop-sync: |mpv - page| ms " + mpv + "; mpv - page (signed) " + new Percentiles(mpvSigned));
      out.println("desktop-sync: |vlc - page| ms " + vlc + "; vlc - page (signed) " + new Percentiles(vlcSigned));
      result = new Result(mpv.p(95), vlc.p(95), Double.NaN);
    }
    // A Syncplay client's room of its own (a server with the Syncplay endpoint on, a Chromium page beside
    // it), measured the same way right after: each figure is a player against a page in its room.
    var syncplay = dev.cowatch.bench.desktop.SyncplayPositionProbe.run(scenario.steadyMs() < 20_000, out);
    out.println("desktop-sync: |syncplay's mpv - page| ms p95 " + String.format(Locale.ROOT, "%.1f",
        syncplay.absoluteMs().p(95)) + " (" + syncplay.samples() + " readings)");
    return new Result(result.mpvP95Ms(), result.vlcP95Ms(), syncplay.absoluteMs().p(95));
  }
}
