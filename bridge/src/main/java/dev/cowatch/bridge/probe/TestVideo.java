package dev.cowatch.bridge.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The desktop tests' video, made by ffmpeg when they run: a test pattern at 50 fps (a frame every
 * 20 ms, so mpv's frame-stepped clock is read finely), 320x180, VP8 with a keyframe every 0.5 s
 * and Opus audio, in WebM (what Chromium, mpv and VLC all play).
 */
public final class TestVideo {
  private TestVideo() {}

  /**
   * Makes {@code seconds} of video in {@code dir}; {@code tone} (Hz) makes videos of the same length
   * differ. The directory and file are readable by everyone: VLC runs as nobody under root.
   */
  public static Path make(Path dir, String name, int seconds, int tone) throws IOException {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path out = dir.resolve(name);
    List<String> cmd = List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=50",
        "-f", "lavfi", "-i", "sine=frequency=" + tone + ":sample_rate=48000", "-t", String.valueOf(seconds),
        "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "300k", "-g", "25",
        "-c:a", "libopus", "-b:a", "48k", out.toString());
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException("ffmpeg is needed to make the test video (scripts/install-tools.sh ffmpeg): " + e.getMessage(), e);
    }
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("ffmpeg took over two minutes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (p.exitValue() != 0) throw new IOException("ffmpeg failed: " + output);
    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-r--r--"));
    return out;
  }
}
