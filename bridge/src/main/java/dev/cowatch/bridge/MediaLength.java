package dev.cowatch.bridge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A file's exact length from ffprobe when it is installed. VLC's HTTP interface gives the length in
 * whole seconds only and positions as a fraction of it, so the exact one keeps VLC's positions exact.
 */
final class MediaLength {
  private MediaLength() {}

  static Optional<Double> ofFile(Path file) {
    ProcessBuilder pb = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "format=duration",
        "-of", "default=noprint_wrappers=1:nokey=1", "--", file.toString()).redirectErrorStream(true);
    try {
      Process p = pb.start();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.exitValue() == 0 ? Optional.of(Double.parseDouble(out) * 1000) : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
