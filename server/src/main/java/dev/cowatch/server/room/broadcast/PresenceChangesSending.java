package dev.cowatch.server.room.broadcast;

import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.protocol.JsonCodec;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.protocol.ServerMessage.MemberView;
import dev.cowatch.protocol.Wire;
import dev.cowatch.server.room.bus.Broadcast;
import dev.cowatch.server.room.bus.RoomBus;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * One node's presence: after the first whole list, only what changed since the list this node sent last
 * ({@link PresenceDiff}), with the whole list kept for connections that have not been sent the previous one. Sent
 * under the room's lock, so every member sees the same changes in the same order. The whole list each time would
 * cost the square of the room: 150 KB to each of a thousand members, 150 MB in one burst.
 */
final class PresenceChangesSending extends KeptPresenceSending<PresenceChangesSending.Sent> {
  /**
   * @param members every member's entry as its readers have it (see PresenceDiff.Changes#sent)
   * @param listed the ids the room listed
   * @param count the member count sent
   */
  record Sent(Map<String, MemberView> members, Set<String> listed, int count, long atMs) implements Last {
    static final Sent NOTHING = new Sent(Map.of(), Set.of(), 0, 0);
  }

  private final RoomBus bus;
  private final JsonCodec codec;
  private final LongSupplier clockMs;

  PresenceChangesSending(RoomBus bus, JsonCodec codec, LongSupplier clockMs) {
    this.bus = bus;
    this.codec = codec;
    this.clockMs = clockMs;
  }

  @Override
  public boolean send(Room room, Set<String> joinedSince) {
    List<MemberView> all = Wire.members(room);
    List<MemberView> listed = MemberListing.listed(all);
    Set<String> listedIds = new HashSet<>();
    for (MemberView v : listed) listedIds.add(v.id());
    Sent last = sent.getOrDefault(room.id(), Sent.NOTHING);
    PresenceDiff.Changes changes = PresenceDiff.between(last.members(), last.listed(), joinedSince, all, listedIds);
    boolean countChanged = all.size() != last.count();
    if (changes.isEmpty() && !countChanged && changes.personal().isEmpty()) return false;
    sent.put(room.id(), new Sent(changes.sent(), listedIds, all.size(), clockMs.getAsLong()));
    if (!changes.personal().isEmpty()) {
      PresenceSending.publishPersonal(bus, codec, room.id(), changes.personal(), all.size());
    }
    if (changes.isEmpty() && !countChanged) return true;
    String whole = codec.encode(new ServerMessage.Presence(listed, all.size()));
    if (last == Sent.NOTHING || changes.size() * 2 > listed.size()) {
      bus.publish(room.id(), new Broadcast(Broadcast.Kind.PRESENCE, whole));
      return true;
    }
    String json = codec.encode(new ServerMessage.PresenceChanges(changes.members(), changes.left(), changes.unlisted(),
        all.size()));
    bus.publish(room.id(), Broadcast.presenceChanges(json, whole));
    return true;
  }

  @Override
  public boolean carriesLatestHealth() {
    return true;
  }
}
