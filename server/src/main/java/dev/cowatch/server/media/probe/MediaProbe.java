package dev.cowatch.server.media.probe;

import java.nio.file.Path;

/** Port: reads what a media file contains. Never throws for a bad file: that is {@link ProbeResult.Unreadable}. */
public interface MediaProbe {

  /** Blocks until the file is read; throws {@link InterruptedException} when the calling thread is interrupted. */
  ProbeResult probe(Path file) throws InterruptedException;
}
