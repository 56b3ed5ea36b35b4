package dev.cowatch.server.room;

import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.RoomId;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Port: who speaks for each member of a live room: its resume token, and the one connection that
 * holds it now. Changed only under the room's lock, so that a late close of a member's old connection
 * cannot disconnect it after it resumed on a new one (a race the SPIN model found: model/cowatch.pml,
 * docs/protocol-model.md). In a cluster both live in Redis: a member resumes on any node, and a node
 * closing an old connection late cannot disconnect a member that another node now serves.
 */
public interface MemberSessions {
  /** The member a resume token was issued to, while that member has not left. */
  Optional<MemberId> tokenHolder(RoomId room, String token);

  /** Records {@code token} as the member's; returns it. */
  String issueToken(RoomId room, MemberId member, String token);

  /** {@code connection} speaks for the member from now on (any earlier one, on any node, no longer does). */
  void attach(RoomId room, MemberId member, RoomBus.Listener connection);

  /**
   * A new member's {@link #issueToken} and {@link #attach} in one step where the store can: in a cluster one round
   * trip to Redis instead of two, under the room's lease that the room's other joins wait for.
   */
  default String issueAndAttach(RoomId room, MemberId member, String token, RoomBus.Listener connection) {
    String issued = issueToken(room, member, token);
    attach(room, member, connection);
    return issued;
  }

  /** Lets go of the member if {@code connection} still speaks for it; whether it did. */
  boolean detach(RoomId room, MemberId member, RoomBus.Listener connection);

  /** The member left the room: its token and connection are forgotten. */
  void forget(RoomId room, MemberId member);

  /**
   * Of {@code connected} (members the room counts as connected), those no live connection speaks for:
   * in a cluster, members whose node died without telling anyone. One node alone hears every close of
   * its own connections, so it has none.
   */
  default Set<MemberId> orphaned(RoomId room, Collection<MemberId> connected) {
    return Set.of();
  }

  /**
   * The nodes that died since {@link #accountedFor} was last told of them: only then can a room have orphans, and
   * only then does the upkeep look through every room for them. One node alone has none.
   */
  default Set<String> nodesGone() {
    return Set.of();
  }

  /** Every room was looked through for the members of these {@link #nodesGone}: they need not be again. */
  default void accountedFor(Set<String> nodes) {}

  /**
   * {@code whenLost} runs when the shared sessions were lost whole (in a cluster: Redis restarted
   * without its data, so live rooms, tokens and connections are gone for every node): this node's
   * connections must join again. One node's memory is never lost while it runs.
   */
  default void onLost(Runnable whenLost) {}

  /** One node's sessions, in memory. */
  static MemberSessions inMemory() {
    return new LocalMemberSessions();
  }
}
