package dev.cowatch.server.history;

import java.util.List;

/**
 * One stretch of watching, as its user sees it.
 *
 * @param endedAtMs null while still watching
 * @param with the display names of others who watched the same media in the same room at the same time
 */
public record HistoryEntry(long id, String roomId, String roomName, String mediaId, long startedAtMs,
    Long endedAtMs, long lastSeenAtMs, List<String> with) {

  /** How long: to the end, or to when it was last seen while still open. */
  public long durationMs() {
    return (endedAtMs != null ? endedAtMs : lastSeenAtMs) - startedAtMs;
  }
}
