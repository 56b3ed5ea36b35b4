package dev.cowatch.server.media.probe;

import java.nio.file.Path;

/** Port: a still picture to show for a video before it plays. */
public interface PosterExtractor {

  /** JPEG bytes of one frame about 10 % into the video (at most 10 s in), at most 640 px wide. Blocks; interruptible. */
  byte[] poster(Path video, MediaInfo info) throws MediaToolException, InterruptedException;
}
