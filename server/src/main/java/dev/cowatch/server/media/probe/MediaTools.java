package dev.cowatch.server.media.probe;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The media tools this server has: a probe always (one that answers {@link ProbeResult.Unchecked} when ffprobe is
 * missing, so uploads keep working), a transcoder and a poster extractor only with ffmpeg. Build it once at start
 * with {@link #detect(MediaToolsConfig)}, log {@link #status()}, and show its message to uploaders.
 */
public final class MediaTools {
  /** Without ffprobe nothing is checked; the upload is still stored. */
  public static final String NO_FFPROBE = "ffprobe is not installed: uploads are stored without checks";
  /** Without ffmpeg a video browsers cannot play stays as it was uploaded. */
  public static final String NO_FFMPEG =
      "ffmpeg is not installed: videos that browsers cannot play are not converted, and there are no posters";
  private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(10);

  /**
   * @param probing files are checked by ffprobe
   * @param converting videos can be converted and posters made (ffmpeg)
   * @param message one line for the log and the UI: versions found, or what is missing and what follows
   */
  public record Status(boolean probing, boolean converting, String message) {}

  private final MediaProbe probe;
  private final Optional<Transcoder> transcoder;
  private final Optional<PosterExtractor> posters;
  private final Status status;

  MediaTools(MediaProbe probe, Optional<Transcoder> transcoder, Optional<PosterExtractor> posters, Status status) {
    this.probe = Objects.requireNonNull(probe, "probe");
    this.transcoder = Objects.requireNonNull(transcoder, "transcoder");
    this.posters = Objects.requireNonNull(posters, "posters");
    this.status = Objects.requireNonNull(status, "status");
  }

  /** Finds ffprobe and ffmpeg (configured paths first, else the PATH) and checks that each runs. */
  public static MediaTools detect(MediaToolsConfig config) throws InterruptedException {
    return detect(config, Objects.requireNonNullElse(System.getenv("PATH"), ""));
  }

  static MediaTools detect(MediaToolsConfig config, String searchPath) throws InterruptedException {
    Found ffprobe = find("ffprobe", config.ffprobe(), searchPath);
    Found ffmpeg = find("ffmpeg", config.ffmpeg(), searchPath);
    MediaProbe probe = ffprobe.path().isPresent()
        ? new FfprobeProbe(ffprobe.path().get(), config.probeTimeout())
        : unchecked(ffprobe.problem() + ": uploads are stored without checks");
    Optional<Transcoder> transcoder = ffmpeg.path().map(p -> new FfmpegTranscoder(p, config));
    Optional<PosterExtractor> posters = ffmpeg.path().map(p -> new FfmpegPosterExtractor(p, config.posterTimeout()));

    String message;
    if (ffprobe.path().isPresent() && ffmpeg.path().isPresent()) {
      message = ffprobe.version() + " and " + ffmpeg.version() + " found: uploads are checked, converted when "
          + "browsers cannot play them, and get a poster";
    } else if (ffprobe.path().isPresent()) {
      message = ffprobe.version() + " found, but " + ffmpeg.problem()
          + ": videos that browsers cannot play are not converted, and there are no posters";
    } else if (ffmpeg.path().isPresent()) {
      message = ffprobe.problem() + ": uploads are stored without checks (" + ffmpeg.version() + " is there but "
          + "conversions need ffprobe's answers)";
      transcoder = Optional.empty();
      posters = Optional.empty();
    } else {
      message = ffprobe.problem() + " and " + ffmpeg.problem().replace(" is ", " is also ")
          + ": uploads are stored without checks, conversion or posters";
    }
    return new MediaTools(probe, transcoder, posters,
        new Status(ffprobe.path().isPresent(), transcoder.isPresent(), message));
  }

  /** No media tools: every probe answers {@link ProbeResult.Unchecked} with this reason. */
  public static MediaTools unavailable(String reason) {
    return new MediaTools(unchecked(reason), Optional.empty(), Optional.empty(), new Status(false, false, reason));
  }

  public MediaProbe probe() {
    return probe;
  }

  /** Empty without ffmpeg (or without ffprobe, whose durations the progress needs). */
  public Optional<Transcoder> transcoder() {
    return transcoder;
  }

  public Optional<PosterExtractor> posters() {
    return posters;
  }

  public Status status() {
    return status;
  }

  private static MediaProbe unchecked(String reason) {
    return file -> new ProbeResult.Unchecked(reason);
  }

  /** Either a runnable tool and its version line, or why not. */
  private record Found(Optional<Path> path, String version, String problem) {}

  private static Found find(String name, Optional<Path> configured, String searchPath) throws InterruptedException {
    Optional<Path> candidate = configured.isPresent() ? configured : onPath(name, searchPath);
    if (candidate.isEmpty()) return new Found(Optional.empty(), "", name + " is not installed");
    Path path = candidate.get();
    if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
      return new Found(Optional.empty(), "", name + " at " + path + " is not an executable file");
    }
    try {
      ProcessRunner.Outcome outcome = ProcessRunner.capture(List.of(path.toString(), "-version"), VERSION_TIMEOUT, 64 * 1024);
      String first = new String(outcome.stdout(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
      if (!outcome.succeeded() || !first.startsWith(name + " version ")) {
        return new Found(Optional.empty(), "", name + " at " + path + " does not run (" + describe(outcome) + ")");
      }
      // "ffprobe version 5.1.9-0+deb12u1 Copyright ..." -> "ffprobe 5.1.9-0+deb12u1"
      String[] words = first.split(" ");
      return new Found(Optional.of(path), name + " " + (words.length > 2 ? words[2] : "?"), "");
    } catch (IOException e) {
      return new Found(Optional.empty(), "", name + " at " + path + " does not run (" + e.getMessage() + ")");
    }
  }

  private static String describe(ProcessRunner.Outcome outcome) {
    if (outcome.timedOut()) return "no answer to -version";
    if (outcome.exitCode() != 0) return "exit code " + outcome.exitCode();
    return "not its -version answer";
  }

  static Optional<Path> onPath(String name, String searchPath) {
    for (String dir : searchPath.split(File.pathSeparator)) {
      if (dir.isBlank()) continue;
      try {
        Path candidate = Path.of(dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return Optional.of(candidate);
      } catch (InvalidPathException e) {
        // A malformed PATH entry is skipped, as a shell would.
      }
    }
    return Optional.empty();
  }
}
