package dev.cowatch.client;

import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.protocol.ServerMessage.MemberView;
import java.util.List;

/**
 * The member list a client has: the members the room lists (in a room of more than 100, its owner,
 * moderators and those not ready) with the client's own entry, and the count of every member.
 * Immutable; each presence message gives the next one (docs/protocol.md 5.3).
 */
record RoomMembers(List<MemberView> listed, int count) {
  static final RoomMembers NONE = new RoomMembers(List.of(), 0);

  static RoomMembers joined(ServerMessage.RoomView room) {
    return new RoomMembers(room.members(), room.memberCount());
  }

  RoomMembers after(ServerMessage.Presence p, String selfId) {
    return new RoomMembers(p.listFor(selfId, listed), p.memberCount());
  }

  RoomMembers after(ServerMessage.PresenceChanges c, String selfId) {
    List<MemberView> next = c.applyTo(listed, selfId);
    // Older servers listed everyone and did not count.
    return new RoomMembers(next, c.memberCount() != null ? c.memberCount() : next.size());
  }
}
