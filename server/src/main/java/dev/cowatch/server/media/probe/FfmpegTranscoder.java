package dev.cowatch.server.media.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Adapter: {@link Transcoder} by running ffmpeg (see {@link TranscodePlan} for what it runs). Thread-safe. */
public final class FfmpegTranscoder implements Transcoder {
  private static final Logger log = LoggerFactory.getLogger(FfmpegTranscoder.class);

  private final Path ffmpeg;
  private final MediaToolsConfig config;

  public FfmpegTranscoder(Path ffmpeg, MediaToolsConfig config) {
    this.ffmpeg = Objects.requireNonNull(ffmpeg, "ffmpeg");
    this.config = Objects.requireNonNull(config, "config");
  }

  @Override
  public Path transcode(Path input, MediaInfo info, Path workDir, DoubleConsumer progress)
      throws MediaToolException, InterruptedException {
    if (info.video().isEmpty()) throw new MediaToolException("There is no video to convert.");
    TranscodePlan plan = TranscodePlan.of(info);
    Duration timeout = config.transcodeTimeout(info.durationMs());
    ProgressTracker tracker = new ProgressTracker(info.durationMs(), progress);
    Path output;
    try {
      output = Files.createTempFile(workDir, "transcode-", ".mp4");
    } catch (IOException e) {
      throw new MediaToolException("The server could not make room for the converted video.", e);
    }
    boolean done = false;
    try {
      long started = System.nanoTime();
      ProcessRunner.Outcome outcome =
          ProcessRunner.streamLines(plan.command(ffmpeg, input, output), timeout, tracker::line);
      if (!outcome.succeeded() && !outcome.timedOut() && plan.copiesAnything()) {
        // Some streams cannot be copied into MP4 as they are (e.g. missing timestamps in old AVIs): encode them.
        // Progress stays where it was until the second run passes it.
        log.info("copying streams failed ({}), re-encoding everything: {}", plan, outcome.stderr());
        plan = plan.encodingAll();
        outcome = ProcessRunner.streamLines(plan.command(ffmpeg, input, output), timeout, tracker::line);
      }
      if (outcome.timedOut()) {
        throw new MediaToolException("Converting the video took longer than " + minutes(timeout) + ", so it was stopped.");
      }
      if (outcome.exitCode() != 0) {
        log.warn("ffmpeg failed: exit={} plan={} stderr={}", outcome.exitCode(), plan, outcome.stderr());
        throw new MediaToolException("The video could not be converted: " + InputArgs.reason(outcome.stderr(), input) + ".");
      }
      if (Files.size(output) == 0) throw new MediaToolException("The video could not be converted: ffmpeg wrote nothing.");
      tracker.finish();
      log.info("converted {} ms of video in {} ms ({})", info.durationMs(), (System.nanoTime() - started) / 1_000_000,
          plan);
      done = true;
      return output;
    } catch (IOException e) {
      throw new MediaToolException("The video could not be converted: ffmpeg did not start.", e);
    } finally {
      if (!done) deleteQuietly(output);
    }
  }

  private static String minutes(Duration d) {
    return d.toMinutes() >= 1 ? d.toMinutes() + " min" : FfprobeProbe.describe(d);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("could not delete the partial conversion {}: {}", file, e.toString());
    }
  }

  @Override
  public String toString() {
    return "FfmpegTranscoder[" + ffmpeg + "]";
  }
}
