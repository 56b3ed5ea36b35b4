package dev.cowatch.protocol;

import java.util.List;

/**
 * Who meshes with whom (docs/protocol.md 3.12): the one rule the server's signal relay, the web app's
 * {@code web/src/p2p/meshRule.ts} and the Java client's mesh all follow, held to the same answers by
 * protocol/src/test/resources/p2p/mesh-vectors.json. A member's WebRTC offer reveals the addresses of
 * whoever answers it, so an offer is relayed and answered only between the two members the rule pairs.
 */
public final class PeerMeshRule {
  private PeerMeshRule() {}

  /**
   * A member as the rule sees it.
   *
   * @param webRtc one of Cowatch's own apps (not e.g. a Syncplay client, which speaks no WebRTC)
   * @param connected its connection to the server is up (a member in its reconnect grace is not)
   */
  public record Seat(String id, boolean webRtc, boolean connected) {}

  /**
   * How many members the mesh of {@code me} would join: {@code me} and the other connected members of
   * Cowatch's own apps. Above {@link SyncFrame#MAX_MESH} there is no mesh.
   */
  public static int size(List<Seat> members, String me) {
    return (int) members.stream().filter(m -> m.webRtc() && m.connected() && !m.id().equals(me)).count() + 1;
  }

  /**
   * Whether {@code offerer} may offer {@code answerer} a {@code sync} connection: both are members of
   * Cowatch's own apps, the answerer is connected, the room's mesh is at most {@link SyncFrame#MAX_MESH}
   * and the offerer's id sorts first (UTF-16 order, as JavaScript's {@code <}).
   */
  public static boolean pairs(List<Seat> members, String offerer, String answerer) {
    if (offerer.equals(answerer) || offerer.compareTo(answerer) >= 0) return false;
    Seat from = find(members, offerer);
    Seat to = find(members, answerer);
    if (from == null || to == null || !from.webRtc() || !to.webRtc()) return false;
    // The offerer counts itself whatever the list says of its connection: the answerer's list may lag.
    return to.connected() && size(members, offerer) <= SyncFrame.MAX_MESH;
  }

  private static Seat find(List<Seat> members, String id) {
    for (Seat m : members) if (m.id().equals(id)) return m;
    return null;
  }
}
