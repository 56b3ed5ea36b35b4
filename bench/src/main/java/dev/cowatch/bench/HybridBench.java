package dev.cowatch.bench;

import dev.cowatch.e2e.E2eStack;
import dev.cowatch.e2e.HybridScenario;
import dev.cowatch.e2e.NetNamespace;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code bench/run hybrid} (issue 24): three Chromium pages of one room in a network namespace, 20 s on
 * the server, then its address blackholed for the namespace and 60 s on their peers (with a pause, a
 * seek, a play and a chat line among them), then the server back ({@link HybridScenario}). The test
 * video is 60 s long, too short for that: the bench plays a 3-minute one made with ffmpeg.
 */
public final class HybridBench {
  private static final int VIDEO_SECONDS = 180;
  private static final long SERVER_MS = 20_000;
  private static final long PEERS_MS = 60_000;

  public HybridScenario.Result run(PrintStream out) throws Exception {
    Path dir = Files.createTempDirectory("cowatch-hybrid-bench");
    Path video = makeVideo(dir);
    String before = System.getProperty("cowatch.e2e.video");
    System.setProperty("cowatch.e2e.video", video.toString());
    try (NetNamespace ns = NetNamespace.create(); E2eStack stack = E2eStack.startInNamespace(ns, c -> c)) {
      return new HybridScenario(stack, ns, out).run(SERVER_MS, PEERS_MS);
    } finally {
      if (before == null) System.clearProperty("cowatch.e2e.video");
      else System.setProperty("cowatch.e2e.video", before);
      Files.deleteIfExists(video);
      Files.deleteIfExists(dir);
    }
  }

  /** A small WebM (VP8, 480x270) the pages buffer whole, so the blackholed media server does not stall them. */
  private static Path makeVideo(Path dir) throws IOException, InterruptedException {
    Path out = dir.resolve(E2eStack.VIDEO);
    Process p = new ProcessBuilder("ffmpeg", "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i",
        "testsrc=duration=" + VIDEO_SECONDS + ":size=480x270:rate=25", "-c:v", "libvpx", "-deadline", "realtime",
        "-cpu-used", "8", "-b:v", "200k", "-g", "25", out.toString()).inheritIO().start();
    if (p.waitFor() != 0) throw new IOException("ffmpeg could not make the video (scripts/install-tools.sh ffmpeg)");
    return out;
  }
}
