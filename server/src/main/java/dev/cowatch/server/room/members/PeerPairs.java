package dev.cowatch.server.room.members;

import dev.cowatch.core.room.Member;
import dev.cowatch.core.room.MemberId;
import dev.cowatch.core.room.Room;
import dev.cowatch.core.room.UserId;
import dev.cowatch.protocol.PeerMeshRule;
import dev.cowatch.protocol.SyncFrame;
import java.util.List;

/**
 * Which members of a room may set up a WebRTC connection with each other (docs/protocol.md 3.11, 3.12).
 * An answered offer shows the offerer the answerer's addresses, so an offer goes only where the answerer
 * would have asked for it: a {@code sync} offer between the two members the mesh rule pairs, a
 * {@code file} offer to the member whose shared file the room plays (sharing it is asking to be fetched
 * from), a {@code file-swarm} offer between two other members while the room plays one (its receivers serve
 * each other, and each answers only the fellow receivers the sharer named to it: web/src/p2p/swarmLinks.ts;
 * an offer it refuses shows no address). Anything else (another purpose, a room over the mesh size, an id that does not sort first) is
 * refused, so a member cannot make every other answer it.
 */
public final class PeerPairs {
  /** The purpose of a connection that fetches a file shared from someone's disk. */
  public static final String FILE_PURPOSE = "file";
  /** The purpose of a connection between two receivers of one shared file (a swarm, docs/protocol.md 3.11). */
  public static final String SWARM_PURPOSE = "file-swarm";

  private PeerPairs() {}

  public static List<PeerMeshRule.Seat> seats(Room room) {
    return room.members().stream().map(m -> new PeerMeshRule.Seat(m.id().value(), m.client() == null, m.isConnected())).toList();
  }

  /** Why {@code from} may not offer {@code to} a connection for {@code purpose}; null when it may. */
  public static String offerRefusal(Room room, MemberId from, MemberId to, String purpose) {
    if (SyncFrame.SYNC_PURPOSE.equals(purpose)) {
      return PeerPairs.seatsPair(room, from, to) ? null
          : "the room's mesh does not pair you with " + to.value() + " (at most " + SyncFrame.MAX_MESH
              + " connected members; the smaller member id offers)";
    }
    if (FILE_PURPOSE.equals(purpose)) {
      return sharerOfMedia(room, to) ? null : "member " + to.value() + " shares no file this room plays";
    }
    if (SWARM_PURPOSE.equals(purpose)) {
      String media = room.timeline().mediaId();
      if (media == null || !media.startsWith("peer:")) return "the room plays no shared file";
      return sharerOfMedia(room, to) || sharerOfMedia(room, from) ? "the sharer is no receiver of its own file" : null;
    }
    return "no peer connections for '" + purpose + "'";
  }

  /**
   * Whether {@code user} has a member in {@code room} whose peer connections may need a relay: one of
   * Cowatch's own apps, connected, in a room that keeps a mesh or plays a file shared from a member's disk.
   */
  public static boolean needsRelay(Room room, UserId user) {
    boolean sharedFile = room.timeline().mediaId() != null && room.timeline().mediaId().startsWith("peer:");
    for (Member m : room.members()) {
      if (!m.userId().equals(user) || !m.isConnected() || m.client() != null) continue;
      if (sharedFile || PeerMeshRule.size(seats(room), m.id().value()) <= SyncFrame.MAX_MESH) return true;
    }
    return false;
  }

  private static boolean seatsPair(Room room, MemberId from, MemberId to) {
    return PeerMeshRule.pairs(seats(room), from.value(), to.value());
  }

  /** The room plays {@code peer:<member>/<share id>?…} (docs/protocol.md 3.11) shared by {@code member}. */
  private static boolean sharerOfMedia(Room room, MemberId member) {
    String media = room.timeline().mediaId();
    return media != null && media.startsWith("peer:" + member.value() + "/");
  }
}
