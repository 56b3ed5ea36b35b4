package dev.cowatch.server.media.probe;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Adapter: {@link PosterExtractor} by running ffmpeg, the JPEG coming back on its stdout. Thread-safe. */
public final class FfmpegPosterExtractor implements PosterExtractor {
  /** A poster is a card in a list and a backdrop before play: wider is wasted bytes. */
  static final int MAX_WIDTH = 640;
  /** The first frames are often black or a logo; 10 % in, capped so a film does not need a long seek. */
  static final double POSITION = 0.10;
  static final long MAX_POSITION_MS = 10_000;
  /** A 640 px JPEG at quality 4 is 20-80 KB; this only bounds a broken encoder. */
  static final int MAX_BYTES = 4 << 20;

  // Square pixels (anamorphic DVDs are stored squeezed), at most MAX_WIDTH wide, the displayed shape, even sides.
  private static final String SCALE =
      "scale=w='min(" + MAX_WIDTH + ",trunc(iw*sar/2)*2)':h='trunc(ow/dar/2)*2',setsar=1";

  private final Path ffmpeg;
  private final Duration timeout;

  public FfmpegPosterExtractor(Path ffmpeg, Duration timeout) {
    this.ffmpeg = Objects.requireNonNull(ffmpeg, "ffmpeg");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  static long positionMs(long durationMs) {
    return Math.min(MAX_POSITION_MS, Math.round(durationMs * POSITION));
  }

  @Override
  public byte[] poster(Path video, MediaInfo info) throws MediaToolException, InterruptedException {
    if (info.video().isEmpty()) throw new MediaToolException("There is no picture to make a poster from.");
    long at = positionMs(info.durationMs());
    ProcessRunner.Outcome outcome = run(video, at);
    // A seek past the last decodable frame gives no picture: the first frame is better than none.
    if (at > 0 && outcome.succeeded() && outcome.stdout().length == 0) outcome = run(video, 0);
    if (outcome.timedOut()) throw new MediaToolException("Making the poster took longer than " + FfprobeProbe.describe(timeout) + ".");
    if (outcome.overflowed()) throw new MediaToolException("The poster came out far too large.");
    if (outcome.exitCode() != 0) {
      throw new MediaToolException("No poster could be made: " + InputArgs.reason(outcome.stderr(), video) + ".");
    }
    if (outcome.stdout().length == 0) throw new MediaToolException("No poster could be made: no frame was decoded.");
    return outcome.stdout();
  }

  private ProcessRunner.Outcome run(Path video, long atMs) throws MediaToolException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-loglevel", "error",
        "-ss", String.format(Locale.ROOT, "%.3f", atMs / 1000.0)));
    command.addAll(InputArgs.input(video));
    // yuvj420p: ffmpeg's JPEG encoder wants full-range YUV.
    command.addAll(List.of("-map", "0:v:0", "-frames:v", "1", "-vf", SCALE, "-pix_fmt", "yuvj420p", "-q:v", "4",
        "-f", "image2", "-c:v", "mjpeg", "pipe:1"));
    try {
      return ProcessRunner.capture(command, timeout, MAX_BYTES);
    } catch (IOException e) {
      throw new MediaToolException("No poster could be made: ffmpeg did not start.", e);
    }
  }

  @Override
  public String toString() {
    return "FfmpegPosterExtractor[" + ffmpeg + "]";
  }
}
