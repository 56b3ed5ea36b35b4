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
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Presence of nodes sharing rooms: every list whole, marked with the room's revision it was made from, and never one
 * older than this node sent (a list of changes would not apply: each node would diff against what it sent itself).
 * A node sends a room's presence from a decision (under the lease) and from the flush (without it); a lock per
 * stripe of rooms keeps the two from interleaving their digests here.
 */
final class WholePresenceSending extends KeptPresenceSending<WholePresenceSending.Sent> {
  /** What a room's members were last sent, when, and from which of the room's revisions. */
  record Sent(PresenceDigest digest, int count, long atMs, long revision) implements Last {}

  private final RoomBus bus;
  private final JsonCodec codec;
  private final LongSupplier clockMs;
  private final Object[] stripes = new Object[64];

  WholePresenceSending(RoomBus bus, JsonCodec codec, LongSupplier clockMs) {
    this.bus = bus;
    this.codec = codec;
    this.clockMs = clockMs;
    for (int i = 0; i < stripes.length; i++) stripes[i] = new Object();
  }

  @Override
  public boolean send(Room room, Set<String> joinedSince) {
    List<MemberView> all = Wire.members(room);
    List<MemberView> listed = MemberListing.listed(all);
    Set<String> listedIds = new HashSet<>();
    for (MemberView v : listed) listedIds.add(v.id());
    synchronized (stripes[Math.floorMod(room.id().hashCode(), stripes.length)]) {
      Sent last = sent.get(room.id());
      // Read before a change this node has sent the presence of since: older, and nothing to add.
      if (last != null && room.revision() < last.revision()) return false;
      PresenceDigest.Compared c = (last == null ? PresenceDigest.EMPTY : last.digest())
          .compare(all, listedIds, joinedSince);
      boolean countChanged = all.size() != (last == null ? 0 : last.count());
      if (!c.roomChanged() && !countChanged && c.personal().isEmpty()) return false;
      sent.put(room.id(), new Sent(c.next(), all.size(), clockMs.getAsLong(), room.revision()));
      if (!c.personal().isEmpty()) PresenceSending.publishPersonal(bus, codec, room.id(), c.personal(), all.size());
      if (!c.roomChanged() && !countChanged) return true;
      bus.publish(room.id(), Broadcast.presence(codec.encode(new ServerMessage.Presence(listed, all.size())),
          room.revision()));
      return true;
    }
  }

  @Override
  public boolean carriesLatestHealth() {
    return false;
  }
}
