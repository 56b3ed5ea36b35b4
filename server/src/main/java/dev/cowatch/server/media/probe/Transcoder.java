package dev.cowatch.server.media.probe;

import java.nio.file.Path;
import java.util.function.DoubleConsumer;

/** Port: converts a video browsers cannot play into one they can (H.264/AAC in MP4, fast start). */
public interface Transcoder {

  /**
   * Converts {@code input} into a new file in {@code workDir} (put it on the storage's file system so the result
   * can be moved, not copied) and returns that file; the caller owns it from then on. On failure, timeout or
   * cancellation nothing is left behind.
   *
   * <p>Blocks. Cancel by interrupting the calling thread (e.g. {@code Future.cancel(true)}): ffmpeg is killed,
   * the partial output deleted, and {@link InterruptedException} thrown.
   *
   * @param info the input's probe, for its duration (progress, timeout) and streams (what must be re-encoded)
   * @param progress fractions from 0 to 1, never decreasing, ending with exactly 1.0 on success; called from one
   *     thread at a time (a helper thread while ffmpeg runs), so it must be quick and must not block
   * @throws MediaToolException when ffmpeg fails or takes too long, with a message for the uploader
   */
  Path transcode(Path input, MediaInfo info, Path workDir, DoubleConsumer progress)
      throws MediaToolException, InterruptedException;
}
