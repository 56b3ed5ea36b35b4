package dev.cowatch.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Videos for the upload tests, made with ffmpeg at test time (H.264 + AAC in MP4, what a browser
 * plays without conversion): nothing large is kept in the repository.
 */
final class TestVideos {
  private TestVideos() {}

  /** {@code seconds} of the test pattern with a tone, at {@code size} and roughly {@code videoBitrate}. */
  static Path make(Path dir, String name, int seconds, String size, String videoBitrate) throws IOException, InterruptedException {
    return make(dir, name, seconds, size, videoBitrate, false);
  }

  /**
   * As {@link #make}, with grain over the pattern: the test pattern alone compresses far below the bitrate,
   * grain fills it, so the file's size is about {@code seconds} times the bitrate.
   */
  static Path makeFull(Path dir, String name, int seconds, String size, String videoBitrate) throws IOException, InterruptedException {
    return make(dir, name, seconds, size, videoBitrate, true);
  }

  /**
   * As {@link #makeFull}, but {@code segmentSeconds} of it encoded and then repeated without re-encoding
   * ({@code -stream_loop}, {@code -c copy}) up to {@code seconds}: the grain is what makes a full film
   * expensive (60 s of 720p: ~14 s of CPU, 1 s this way), and a player or a transfer cannot tell a repeat.
   */
  static Path makeLooped(Path dir, String name, int seconds, int segmentSeconds, String size, String videoBitrate)
      throws IOException, InterruptedException {
    if (seconds % segmentSeconds != 0) throw new IllegalArgumentException(seconds + " s is not a whole number of segments");
    Path segment = make(dir, "segment-" + name, segmentSeconds, size, videoBitrate, true);
    try {
      Path out = dir.resolve(name);
      run(name, List.of("ffmpeg", "-nostdin", "-y", "-v", "error", "-stream_loop", String.valueOf(seconds / segmentSeconds - 1),
          "-i", segment.toString(), "-c", "copy", "-movflags", "+faststart", out.toString()));
      return out;
    } finally {
      Files.deleteIfExists(segment);
    }
  }

  private static Path make(Path dir, String name, int seconds, String size, String videoBitrate, boolean grain)
      throws IOException, InterruptedException {
    Path out = dir.resolve(name);
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-y", "-v", "error",
        "-f", "lavfi", "-i", "testsrc=duration=" + seconds + ":size=" + size + ":rate=25"
            + (grain ? ",noise=alls=30:allf=t" : ""),
        "-f", "lavfi", "-i", "sine=frequency=440:duration=" + seconds,
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "25",
        "-b:v", videoBitrate, "-maxrate", videoBitrate, "-bufsize", videoBitrate,
        "-c:a", "aac", "-b:a", "64k", "-shortest", "-movflags", "+faststart", out.toString()));
    run(name, command);
    return out;
  }

  private static void run(String name, List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output;
    try (InputStream in = p.getInputStream()) {
      output = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("ffmpeg could not make " + name + " (scripts/install-tools.sh ffmpeg): " + output);
    }
  }

  static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
