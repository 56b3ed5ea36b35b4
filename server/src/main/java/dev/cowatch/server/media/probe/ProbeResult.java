package dev.cowatch.server.media.probe;

import java.util.Objects;

/** What probing a file told: its streams, that it is not media, or nothing because the probe could not run. */
public sealed interface ProbeResult {

  /** ffprobe read the file. */
  record Probed(MediaInfo info) implements ProbeResult {
    public Probed {
      Objects.requireNonNull(info, "info");
    }
  }

  /**
   * ffprobe ran and could not read the file as audio or video (a text file, a truncated or damaged file), or it
   * took too long or said too much about it. The upload should be refused with {@link #reason()}.
   */
  record Unreadable(String reason) implements ProbeResult {
    public Unreadable {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The file was not checked because ffprobe is missing or could not be started: the upload is stored as it is,
   * and {@link #reason()} tells the user and the operator why.
   */
  record Unchecked(String reason) implements ProbeResult {
    public Unchecked {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
