package dev.cowatch.server.rtc;

import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.room.RoomService;
import dev.cowatch.server.room.members.PeerPairs;
import java.util.Optional;

/**
 * Who gets the ICE servers, TURN credentials among them (docs/api.md, "Peer-to-peer"): a TURN relay
 * forwards traffic for whoever holds a credential, from the operator's address, so it goes only to a
 * connected member of the room named whose peers may need it ({@link PeerPairs#needsRelay}): not to any
 * session that asks, such as a fresh guest in no room.
 */
public final class RelayAccess {
  private final IceServers iceServers;
  private final RoomService rooms;

  public RelayAccess(IceServers iceServers, RoomService rooms) {
    this.iceServers = iceServers;
    this.rooms = rooms;
  }

  /** The servers for {@code who} in room {@code roomId} (as the client names it; null when it names none). */
  public IceServers.Answer forMember(Identity who, String roomId) {
    Optional<Room> room = RoomId.isValid(roomId) ? rooms.queries().live(new RoomId(roomId)) : Optional.empty();
    if (room.isEmpty() || !PeerPairs.needsRelay(room.get(), who.userId())) {
      throw new Refusal(Refusal.Kind.FORBIDDEN, "ice-servers-not-needed",
          "ICE servers go to connected members of a room whose peers connect: name it with ?room=<room id>");
    }
    return iceServers.forUser(who.userId().value());
  }
}
