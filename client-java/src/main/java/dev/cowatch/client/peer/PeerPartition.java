package dev.cowatch.client.peer;

import dev.cowatch.core.peer.PeerAuthority;
import dev.cowatch.core.room.ControlMode;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.Role;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who decides while the server is lost: the roles of the room's members (the server's member list first, a peer's
 * credential where the server has said none), which open peers lost the server too, and the authority order of
 * that partition by {@link PeerAuthority}'s rule; its first member is the acting authority. Not thread-safe:
 * {@link PeerSync}'s lock guards it.
 */
final class PeerPartition {
  private final Map<String, Role> roles = new HashMap<>();
  private final Map<String, Boolean> lost = new HashMap<>();
  private List<String> order = List.of();

  /** The member's role as known here; a member nobody has vouched for is a guest. */
  Role role(String memberId) {
    return roles.getOrDefault(memberId, Role.GUEST);
  }

  /** The server's member list says so: it outranks what a peer's credential said before. */
  void roleFromServer(String memberId, Role role) {
    roles.put(memberId, role);
  }

  /** A peer's signed hello: its credential's role where the server has said none, and whether it lost the server. */
  void hello(String memberId, Role role, boolean lostServer) {
    roles.putIfAbsent(memberId, role);
    lost.put(memberId, lostServer);
  }

  /** The authority order, the acting authority first; empty while on the server. */
  List<String> order() {
    return order;
  }

  /** The acting authority (null: nobody here may control). */
  String authority() {
    return order.isEmpty() ? null : order.getFirst();
  }

  /** Back on the server: no partition. */
  void clear() {
    order = List.of();
  }

  /** The partition is {@code me} and the open peers that lost the server too, ordered under {@code mode}. */
  void recompute(String me, Collection<String> openPeers, ControlMode mode) {
    List<PeerAuthority.Peer> partition = new ArrayList<>();
    partition.add(peer(me));
    for (String id : openPeers) {
      if (lost.getOrDefault(id, false)) partition.add(peer(id));
    }
    order = PeerAuthority.order(partition, mode).stream().map(p -> p.id().value()).toList();
  }

  /** {@code a} comes before {@code b} in the authority order of everyone this member knows. */
  boolean senior(String a, String b) {
    List<PeerAuthority.Peer> sorted = PeerAuthority.order(List.of(peer(a), peer(b)), ControlMode.EVERYONE);
    return !sorted.isEmpty() && sorted.getFirst().id().value().equals(a);
  }

  private PeerAuthority.Peer peer(String memberId) {
    return new PeerAuthority.Peer(new MemberId(memberId), role(memberId));
  }
}
