package dev.cowatch.core.room;

import java.util.Objects;

/**
 * What a room is playing, as everyone in it sees it: the part of a room that moves with every play, pause and seek,
 * and the only part a shared store may write on its own ({@link Room#differsOnlyInPlayback}).
 *
 * @param timeline the media and where it stands
 * @param subtitleTrack the subtitle track everyone is shown (a track of the timeline's media), null for none; each
 *     member may still hide it locally
 * @param waitDeadlineMs while the timeline is WAITING: when the room stops waiting; otherwise 0
 */
public record Playback(Timeline timeline, String subtitleTrack, long waitDeadlineMs) {
  public Playback {
    Objects.requireNonNull(timeline, "timeline");
  }

  /** {@code t} with the subtitle choice kept; a wait deadline only while {@code t} waits. */
  public Playback withTimeline(Timeline t) {
    return new Playback(t, subtitleTrack, t.state() == PlaybackState.WAITING ? waitDeadlineMs : 0);
  }

  /** {@code t}, waiting until {@code deadlineMs}. */
  public Playback waitingUntil(Timeline t, long deadlineMs) {
    return new Playback(t, subtitleTrack, deadlineMs);
  }

  public Playback withSubtitle(String track) {
    return new Playback(timeline, track, waitDeadlineMs);
  }
}
