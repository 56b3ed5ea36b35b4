package dev.cowatch.server.media.probe;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where ffprobe and ffmpeg are and how long they may take. Meant for the {@code --ffprobe PATH} and
 * {@code --ffmpeg PATH} options (environment {@code COWATCH_FFPROBE}, {@code COWATCH_FFMPEG}).
 *
 * @param ffprobe an explicit executable; empty: look for {@code ffprobe} on the PATH
 * @param ffmpeg an explicit executable; empty: look for {@code ffmpeg} on the PATH
 * @param probeTimeout per file; see {@link FfprobeProbe#DEFAULT_TIMEOUT}
 * @param posterTimeout per poster: one seek and one decoded frame
 * @param transcodeMinTimeout a transcode may always take this long ...
 * @param transcodeTimeoutFactor ... or this many times the video's duration, whichever is longer
 */
public record MediaToolsConfig(
    Optional<Path> ffprobe,
    Optional<Path> ffmpeg,
    Duration probeTimeout,
    Duration posterTimeout,
    Duration transcodeMinTimeout,
    double transcodeTimeoutFactor) {

  /**
   * Measured on this 2-core machine (shared with other work): 5 s of 1080p30 MPEG-2 took 6-7 s to convert with
   * the transcoder's settings, a little slower than real time; 4x leaves room for a busy server without letting a
   * stuck ffmpeg run for ever.
   */
  public static final MediaToolsConfig DEFAULTS = new MediaToolsConfig(Optional.empty(), Optional.empty(),
      FfprobeProbe.DEFAULT_TIMEOUT, Duration.ofSeconds(30), Duration.ofMinutes(5), 4.0);

  public MediaToolsConfig {
    Objects.requireNonNull(ffprobe, "ffprobe");
    Objects.requireNonNull(ffmpeg, "ffmpeg");
    requirePositive(probeTimeout, "probeTimeout");
    requirePositive(posterTimeout, "posterTimeout");
    requirePositive(transcodeMinTimeout, "transcodeMinTimeout");
    if (!(transcodeTimeoutFactor > 0)) throw new IllegalArgumentException("transcodeTimeoutFactor must be > 0");
  }

  public MediaToolsConfig withFfprobe(Path path) {
    return new MediaToolsConfig(Optional.of(path), ffmpeg, probeTimeout, posterTimeout, transcodeMinTimeout,
        transcodeTimeoutFactor);
  }

  public MediaToolsConfig withFfmpeg(Path path) {
    return new MediaToolsConfig(ffprobe, Optional.of(path), probeTimeout, posterTimeout, transcodeMinTimeout,
        transcodeTimeoutFactor);
  }

  /** How long converting a video of this length may take. */
  public Duration transcodeTimeout(long durationMs) {
    Duration scaled = Duration.ofMillis((long) Math.min(Long.MAX_VALUE / 2.0, durationMs * transcodeTimeoutFactor));
    return scaled.compareTo(transcodeMinTimeout) > 0 ? scaled : transcodeMinTimeout;
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive");
  }
}
