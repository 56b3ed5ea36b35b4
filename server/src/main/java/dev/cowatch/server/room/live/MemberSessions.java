package dev.cowatch.server.room.live;

import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.RoomId;
import dev.cowatch.server.room.bus.RoomBus;
import java.util.Collection;
import java.util.List;
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

  /** A member taking its seat: its connection, and the token issued to it ({@code null} for one back with its own). */
  record Seat(MemberId member, String newToken, RoomBus.Listener connection) {}

  /**
   * Each seat's {@link #issueToken} (when it has a new one) and {@link #attach}, in one step where the store can: in a
   * cluster one round trip to Redis for a room's joins decided together, under the room's lease that its other
   * decisions wait for.
   */
  default void seatAll(RoomId room, List<Seat> seats) {
    for (Seat s : seats) {
      if (s.newToken() != null) issueToken(room, s.member(), s.newToken());
      attach(room, s.member(), s.connection());
    }
  }

  /** Lets go of the member if {@code connection} still speaks for it; whether it did. */
  boolean detach(RoomId room, MemberId member, RoomBus.Listener connection);

  /**
   * {@link #seatAll} begun: the store may send it and go on; what this returns waits until it is done. Lets a join
   * wait for its sessions and its room's channel at once, under the room's lease (in a cluster, two round trips to
   * Redis in one).
   */
  default Runnable seatingAll(RoomId room, List<Seat> seats) {
    seatAll(room, seats);
    return () -> { };
  }

  /** {@link #detach} for each seat (its token unused), in one step where the store can; whether each was let go. */
  default List<Boolean> detachAll(RoomId room, List<Seat> seats) {
    return seats.stream().map(s -> detach(room, s.member(), s.connection())).toList();
  }

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
   * without its data, so live rooms, tokens and connections are gone for every node), or when the other
   * nodes may have counted this one gone (its heartbeat lapsed): this node's connections must join
   * again. One node's memory is never lost while it runs.
   */
  default void onLost(Runnable whenLost) {}

  /** One node's sessions, in memory. */
  static MemberSessions inMemory() {
    return new LocalMemberSessions();
  }
}
