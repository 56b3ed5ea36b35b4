package dev.cowatch.server.room.upkeep;

import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.RoomId;

/**
 * What the upkeep needs of the rooms' decision pipeline, which stands above it: the pipeline schedules deadlines on
 * the upkeep's timers and writes its checkpoints, so the upkeep reaches back only through this.
 */
public interface UpkeepDecisions {
  /** The timers that wake rooms at their deadlines: a room leaving memory forgets its own. */
  RoomTicks ticks();

  /** Decides that {@code orphan} (its node is gone) is disconnected; the caller holds the room's lock. */
  void disconnectHolding(RoomId roomId, MemberId orphan);
}
