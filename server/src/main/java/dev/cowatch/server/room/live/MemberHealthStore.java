package dev.cowatch.server.room.live;

import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.RoomId;
import java.util.Collection;

/**
 * Port: members' sync health (drift, round trip, corrections: what a health report changes) kept apart from the
 * room, each member's entry written on its own. A report then needs no lock on the room: no decision reads those
 * figures, and a member's reports come one after another from its one connection.
 */
public interface MemberHealthStore {
  /** Stores {@code member}'s sync health as it has it now. */
  void saveHealth(RoomId roomId, Member member);

  /**
   * Drops these members' entries (they left, or came back with none yet). Called under the room's lock after the
   * change that dropped them was stored.
   */
  void forgetHealth(RoomId roomId, Collection<MemberId> members);
}
