package dev.cowatch.server.room.decisions;

import dev.cowatch.core.room.RoomId;
import java.util.Optional;

/**
 * Port: where a room's plan (a scheduled showing) says it is now. Asked when a room comes back into memory,
 * under the room's lock, so a room that was on a plan is back on it before anyone sees it: a restart does not
 * show a showing's room paused, even for a moment. Answers from what it holds; it must not call into the room.
 */
@FunctionalInterface
public interface RoomPlans {
  RoomPlans NONE = (room, nowMs) -> Optional.empty();

  /** The episode the room should play and the instant its start is anchored at; empty when it has no plan now. */
  Optional<Planned> planned(RoomId room, long nowMs);

  record Planned(String mediaId, long anchorTimeMs) {}
}
