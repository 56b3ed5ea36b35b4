package dev.cowatch.server.showing;

import dev.cowatch.core.room.UserId;
import dev.cowatch.core.room.Visibility;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * A scheduled showing: one or more episodes played in a room from a start instant, cinema style.
 * The start is an instant; the time zone is the one it was planned in, for showing and calendars.
 */
public record Showing(String id, UserId ownerId, String title, String description, List<Episode> episodes,
    long startsAtMs, ZoneId zone, Visibility visibility, String roomId, Status status, long createdAtMs) {

  public enum Status { SCHEDULED, CANCELLED }

  public static final int MAX_EPISODES = 50;

  public Showing {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(ownerId, "ownerId");
    Objects.requireNonNull(title, "title");
    episodes = List.copyOf(episodes);
    if (episodes.isEmpty() || episodes.size() > MAX_EPISODES) {
      throw new IllegalArgumentException("a showing has 1-" + MAX_EPISODES + " episodes");
    }
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(visibility, "visibility");
    Objects.requireNonNull(status, "status");
  }

  /** When episode {@code index} starts if nothing is paused: the start plus the runtimes before it. */
  public long episodeStartMs(int index) {
    long at = startsAtMs;
    for (int i = 0; i < index; i++) at += episodes.get(i).durationMs();
    return at;
  }

  /** The end of the last episode, when its runtime is known; else null. */
  public Long endsAtMs() {
    Long last = episodes.get(episodes.size() - 1).durationMs();
    return last == null ? null : episodeStartMs(episodes.size() - 1) + last;
  }

  public Showing rescheduled(long newStartMs, ZoneId newZone) {
    return new Showing(id, ownerId, title, description, episodes, newStartMs, newZone, visibility, roomId, status,
        createdAtMs);
  }

  public Showing cancelled() {
    return new Showing(id, ownerId, title, description, episodes, startsAtMs, zone, visibility, roomId,
        Status.CANCELLED, createdAtMs);
  }
}
