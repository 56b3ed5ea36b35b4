package dev.cowatch.e2e.desktop;

import dev.cowatch.bridge.Bridge;
import dev.cowatch.bridge.RoomLink;
import dev.cowatch.bridge.probe.MpvProbe;
import dev.cowatch.bridge.probe.TestVideo;
import dev.cowatch.bridge.probe.VlcProbe;
import dev.cowatch.core.room.Timeline;
import dev.cowatch.e2e.E2eStack;
import dev.cowatch.e2e.PageSample;
import dev.cowatch.e2e.RoomPage;
import dev.cowatch.e2e.RoomSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * One room of the real server with a Chromium page, an mpv and a VLC, both driven by cowatch-bridge,
 * on a video ffmpeg makes for the run; read from outside (the page's own video element, mpv through
 * an IPC connection of its own, VLC through its HTTP interface). Used by the desktop tests and
 * {@code bench/run desktop-sync}.
 */
public final class DesktopRoom implements AutoCloseable {
  public static final Duration AWAIT = Duration.ofSeconds(20);

  private final Path dir;
  private final E2eStack stack;
  private final RoomSession session;
  private final RoomPage page;
  private final Bridge mpvBridge;
  private final Bridge vlcBridge;
  private final MpvProbe mpv;
  private final VlcProbe vlc;
  private final List<String> heard = new CopyOnWriteArrayList<>();

  /** Where each player is at one instant, against the page (positive: ahead of the page). */
  public record Reading(Timeline timeline, PageSample page, double mpvMs, double vlcMs, boolean vlcPlaying) {
    public boolean allPlaying() {
      return page.playing() && Double.isFinite(mpvMs) && vlcPlaying;
    }

    public double mpvMinusPageMs() {
      return mpvMs - page.positionMs();
    }

    public double vlcMinusPageMs() {
      return vlcMs - page.positionMs();
    }

    /** The largest distance between any two of the three players. */
    public double spreadMs() {
      double lo = Math.min(page.positionMs(), Math.min(mpvMs, vlcMs));
      double hi = Math.max(page.positionMs(), Math.max(mpvMs, vlcMs));
      return hi - lo;
    }
  }

  private DesktopRoom(int videoSeconds) throws IOException {
    dir = Files.createTempDirectory("cowatch-desktop");
    // VLC runs as nobody under root (it refuses root): it must reach the video.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path video = TestVideo.make(dir.resolve("videos"), "film.webm", videoSeconds, 440);
    stack = E2eStack.serving(video);
    Bridge m = null;
    Bridge v = null;
    try {
      RoomLink link = new RoomLink(stack.baseUri(), stack.createRoom());
      session = new RoomSession(stack, link.roomId());
      page = session.join("Ann");
      m = Bridge.start(new Bridge.Config(link, video, "Desk", null, Bridge.PlayerKind.MPV, "mpv", "cvlc", null, null, null,
          List.of("--vo=null", "--ao=null"), null, List.of(), Duration.ofSeconds(15), null), heard::add);
      v = Bridge.start(new Bridge.Config(link, video, "Vic", null, Bridge.PlayerKind.VLC, "mpv", "cvlc", null, null, null,
          List.of("--vout", "dummy", "--aout", "dummy"), null, List.of(), Duration.ofSeconds(15), null), heard::add);
      mpv = new MpvProbe(m.mpvSocket());
      vlc = new VlcProbe(v.vlcHttp(), videoSeconds * 1000.0 + 8);
    } catch (IOException | RuntimeException e) {
      if (m != null) m.close();
      if (v != null) v.close();
      stack.close();
      throw e;
    }
    mpvBridge = m;
    vlcBridge = v;
  }

  /** Makes the video ({@code videoSeconds} long), starts the server, Chromium, mpv and VLC, all in one room. */
  public static DesktopRoom start(int videoSeconds) throws IOException {
    return new DesktopRoom(videoSeconds);
  }

  public RoomPage page() {
    return page;
  }

  public RoomSession session() {
    return session;
  }

  public Bridge mpvBridge() {
    return mpvBridge;
  }

  public Bridge vlcBridge() {
    return vlcBridge;
  }

  public MpvProbe mpv() {
    return mpv;
  }

  public VlcProbe vlc() {
    return vlc;
  }

  /** What the bridges told their viewers. */
  public List<String> heard() {
    return List.copyOf(heard);
  }

  /** Reads all three players; mpv and VLC are brought to the page's reading instant. */
  public Reading read() {
    PageSample p = page.sample();
    return new Reading(session.timeline(), p, mpv.positionAt(p.wallMs()), vlc.positionAt(p.wallMs()), vlc.playing());
  }

  /** Reads until {@code test} holds; fails after {@link #AWAIT} with the last reading. */
  public Reading await(String what, Predicate<Reading> test) throws IOException {
    long until = System.nanoTime() + AWAIT.toNanos();
    Reading last = null;
    while (System.nanoTime() < until) {
      last = read();
      if (test.test(last)) return last;
      page.idle(50);
    }
    throw new AssertionError("timed out waiting for " + what + "; last " + last + "; mpv's bridge sent "
        + mpvBridge.session().client().recentControlIntents() + ", VLC's " + vlcBridge.session().client().recentControlIntents());
  }

  /** Everyone plays and the three are within {@code withinMs} of each other. */
  public Reading awaitPlayingTogether(double withinMs) throws IOException {
    return await("all three playing within " + withinMs + " ms", r -> r.allPlaying() && r.spreadMs() <= withinMs);
  }

  /** Everyone paused within {@code withinMs} of {@code positionMs} (NaN: of each other only). */
  public Reading awaitPausedAt(double positionMs, double withinMs) throws IOException {
    return await("all three paused near " + positionMs, r -> r.page().paused() && mpv.paused() && !r.vlcPlaying()
        && r.spreadMs() <= withinMs && (Double.isNaN(positionMs) || Math.abs(r.page().positionMs() - positionMs) <= withinMs));
  }

  @Override
  public void close() {
    try {
      mpv.close();
      vlc.close();
      mpvBridge.close();
      vlcBridge.close();
      session.close();
    } finally {
      stack.close();
      deleteTree(dir);
    }
  }

  /** Removes a temporary directory (the run's video); best effort. */
  public static void deleteTree(Path root) {
    try (var files = Files.walk(root)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // left in the temporary directory
    }
  }
}
