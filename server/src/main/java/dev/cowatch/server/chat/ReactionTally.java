package dev.cowatch.server.chat;

import dev.cowatch.core.room.RoomId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Emoji over the video in a big room, counted rather than sent one by one: in an audience of thousands each reaction
 * as a message to everyone is thousands of messages, and a second of them is a storm. Each node counts what its own
 * members sent per room and emoji; once a second the counts go to the room as one message ({@code reactions}) and
 * start again, so what a viewer receives is bounded by the rooms' emoji and the nodes, whatever the crowd does.
 */
final class ReactionTally {
  /** Rooms counted at once; past it a room's reactions are dropped until the next flush (a flood of rooms). */
  static final int MAX_ROOMS = 10_000;

  private Map<RoomId, Map<String, Integer>> counts = new HashMap<>();

  /** One {@code emoji} from a member of {@code roomId}; false when dropped (too many rooms this second). */
  synchronized boolean add(RoomId roomId, String emoji) {
    Map<String, Integer> room = counts.get(roomId);
    if (room == null) {
      if (counts.size() >= MAX_ROOMS) return false;
      room = new LinkedHashMap<>();
      counts.put(roomId, room);
    }
    room.merge(emoji, 1, Integer::sum);
    return true;
  }

  /** What was counted since the last drain, per room (emoji in the order first sent), and a fresh count. */
  synchronized Map<RoomId, Map<String, Integer>> drain() {
    Map<RoomId, Map<String, Integer>> out = counts;
    counts = new HashMap<>();
    return out;
  }
}
