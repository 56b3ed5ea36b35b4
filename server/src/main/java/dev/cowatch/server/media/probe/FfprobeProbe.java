package dev.cowatch.server.media.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Adapter: {@link MediaProbe} by running ffprobe. Thread-safe; each call runs its own process. */
public final class FfprobeProbe implements MediaProbe {
  /**
   * ffprobe reads headers only: a 2 h film probes in well under a second here, so this only stops a file crafted
   * to make it loop.
   */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
  /** A normal answer is 3-20 KB; thousands of streams or chapters is not a video to watch together. */
  static final int MAX_OUTPUT_BYTES = 1 << 20;

  private final Path ffprobe;
  private final Duration timeout;
  private final int maxOutputBytes;

  public FfprobeProbe(Path ffprobe, Duration timeout) {
    this(ffprobe, timeout, MAX_OUTPUT_BYTES);
  }

  FfprobeProbe(Path ffprobe, Duration timeout, int maxOutputBytes) {
    this.ffprobe = Objects.requireNonNull(ffprobe, "ffprobe");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.maxOutputBytes = maxOutputBytes;
  }

  @Override
  public ProbeResult probe(Path file) throws InterruptedException {
    if (!Files.isRegularFile(file)) return new ProbeResult.Unreadable("the file is missing");
    List<String> command = new ArrayList<>(List.of(ffprobe.toString(), "-v", "error", "-print_format", "json",
        "-show_format", "-show_streams"));
    command.addAll(InputArgs.input(file));
    ProcessRunner.Outcome outcome;
    try {
      outcome = ProcessRunner.capture(command, timeout, maxOutputBytes);
    } catch (IOException e) {
      return new ProbeResult.Unchecked("ffprobe could not be started (" + e.getMessage() + "): the file was not checked");
    }
    if (outcome.timedOut()) {
      return new ProbeResult.Unreadable("ffprobe could not read it within " + describe(timeout));
    }
    if (outcome.overflowed()) return new ProbeResult.Unreadable("it describes far more streams than a video has");
    if (outcome.exitCode() != 0) return new ProbeResult.Unreadable(InputArgs.reason(outcome.stderr(), file));
    return FfprobeJson.parse(new String(outcome.stdout(), StandardCharsets.UTF_8));
  }

  static String describe(Duration d) {
    return d.toMillis() >= 1000 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  @Override
  public String toString() {
    return "FfprobeProbe[" + ffprobe + ", timeout=" + timeout + "]";
  }
}
