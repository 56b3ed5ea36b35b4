package dev.cowatch.server.room;

import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.RoomId;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Who speaks for each member of a live room: its resume token, and the one connection that holds it
 * now. Changed only under the room's lock, so that a late close of a member's old connection cannot
 * disconnect it after it resumed on a new one (a race the SPIN model found: model/cowatch.pml,
 * docs/protocol-model.md).
 */
final class MemberSessions {
  private final ResumeTokens resumeTokens = new ResumeTokens();
  private final ConcurrentMap<Key, RoomBus.Listener> connections = new ConcurrentHashMap<>();

  private record Key(RoomId room, MemberId member) {}

  /** The member a resume token was issued to, while that member has not left. */
  Optional<MemberId> tokenHolder(RoomId room, String token) {
    return resumeTokens.memberOf(room, token);
  }

  String issueToken(RoomId room, MemberId member, String token) {
    return resumeTokens.issue(room, member, token);
  }

  /** {@code connection} speaks for the member from now on (any earlier one no longer does). */
  void attach(RoomId room, MemberId member, RoomBus.Listener connection) {
    connections.put(new Key(room, member), connection);
  }

  /** Lets go of the member if {@code connection} still speaks for it; whether it did. */
  boolean detach(RoomId room, MemberId member, RoomBus.Listener connection) {
    return connections.remove(new Key(room, member), connection);
  }

  /** The member left the room: its token and connection are forgotten. */
  void forget(RoomId room, MemberId member) {
    resumeTokens.forget(room, member);
    connections.remove(new Key(room, member));
  }
}
