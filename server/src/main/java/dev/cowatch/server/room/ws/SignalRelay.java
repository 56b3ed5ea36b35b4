package dev.cowatch.server.room.ws;

import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.protocol.ClientMessage;
import dev.cowatch.protocol.ServerMessage;
import dev.cowatch.protocol.WireError;
import dev.cowatch.server.room.RoomService;
import dev.cowatch.server.room.members.PeerPairs;
import java.util.Optional;

/**
 * Relays a member's peer-to-peer {@code signal} to another member of the same room, whatever node that
 * member's connection is on: through the room's bus, as a message for that member alone. The server reads
 * nothing inside; it only says who sent it, so a member cannot speak in another's name, and refuses a
 * signal to someone who is not in the room (or not connected: it would be lost). An answered offer shows
 * the offerer the answerer's addresses, so an offer goes only between the members {@link PeerPairs} pairs
 * (the answering client checks the same rule: neither end alone is trusted with it).
 */
final class SignalRelay {
  private final RoomService rooms;
  private final RoomId roomId;
  private final SocketOutput output;

  SignalRelay(RoomService rooms, RoomId roomId, SocketOutput output) {
    this.rooms = rooms;
    this.roomId = roomId;
    this.output = output;
  }

  void relay(MemberId from, ClientMessage.Signal s) {
    if (s.to().equals(from.value())) {
      output.error(WireError.INVALID_ARGUMENT, "a signal goes to another member, not to yourself", s.ref(), null);
      return;
    }
    Optional<Room> room = rooms.queries().live(roomId);
    Optional<Member> sender = room.flatMap(r -> r.member(from));
    if (sender.isEmpty()) {
      output.error(WireError.NOT_A_MEMBER, "you are no longer a member of this room", s.ref(), null);
      return;
    }
    Optional<Member> target = room.flatMap(r -> r.member(new MemberId(s.to())));
    if (target.isEmpty() || !target.get().isConnected()) {
      output.error(WireError.NOT_A_MEMBER, "member " + s.to() + " is not connected to this room", s.ref(), null);
      return;
    }
    String refusal = "offer".equals(s.kind()) ? PeerPairs.offerRefusal(room.get(), from, target.get().id(), s.purpose()) : null;
    if (refusal != null) {
      output.error(WireError.NOT_ALLOWED, refusal, s.ref(), null);
      return;
    }
    rooms.sendTo(roomId, target.get().id(), new ServerMessage.Signal(from.value(), sender.get().displayName(),
        s.session(), s.purpose(), s.kind(), s.payload()));
  }
}
