package dev.cowatch.server.room.broadcast;

import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.protocol.ServerMessage.MemberView;
import dev.cowatch.server.room.bus.Broadcast;
import dev.cowatch.server.room.bus.RoomBus;
import dev.cowatch.server.room.live.Sharing;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * How a room's member list reaches its members ({@link #chosenBy}): each connection is sent what changed
 * since the list it has, or whole lists marked with the room's revision. Either way a list goes out only when
 * something a reader would notice changed, and an unlisted member gets its own entry alone.
 */
interface PresenceSending {
  /**
   * Sends the room's presence if anything a reader would notice changed since the last; {@code joinedSince}: members
   * who joined since then (their entries are new to everyone). True when something went out (those joins are told).
   */
  boolean send(Room room, Set<String> joinedSince);

  /** When the room's presence last went out; -1 if never. */
  long lastSentAtMs(RoomId roomId);

  /** How many members the room's last presence counted (0 if none went out). */
  int lastSentCount(RoomId roomId);

  /**
   * Whether a presence sent under the room's lock carries every member's latest health. Not where reports are stored
   * apart without the lock: one may come after the room was read, and the next flush must still send it.
   */
  boolean carriesLatestHealth();

  /** The room left memory: nothing of it is kept. */
  void forget(RoomId roomId);

  /** The way of sending that {@code sharing} calls for ({@link Sharing#sendsWholePresence}). */
  static PresenceSending chosenBy(Sharing sharing, RoomBus bus, JsonCodec codec, LongSupplier clockMs) {
    return sharing.sendsWholePresence() ? new WholePresenceSending(bus, codec, clockMs)
        : new PresenceChangesSending(bus, codec, clockMs);
  }

  /** Each member's own entry, to that member alone: the room does not list it. */
  static void publishPersonal(RoomBus bus, JsonCodec codec, RoomId roomId, Map<String, MemberView> entries,
      int memberCount) {
    Map<String, String> json = new HashMap<>();
    entries.forEach((id, entry) -> json.put(id,
        codec.encode(new ServerMessage.PresenceChanges(List.of(entry), List.of(), List.of(), memberCount))));
    bus.publish(roomId, Broadcast.personal(json));
  }
}
