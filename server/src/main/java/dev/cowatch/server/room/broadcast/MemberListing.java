package dev.cowatch.server.room.broadcast;

import dev.cowatch.protocol.ServerMessage.MemberView;
import java.util.ArrayList;
import java.util.List;

/**
 * Which members a room lists to everyone in its presence. Pure.
 *
 * <p>A room of up to {@link #LIST_ALL_UP_TO} lists everyone. A bigger one (a showing) lists only the
 * members who matter to the rest: its owner and moderators, then those whose player is not ready
 * (what the room may be waiting for), at most {@link #MAX_LISTED}; the others are only counted. Every
 * member list goes to every member, so listing everyone costs the square of the room: a thousand
 * members' list is 150 KB, to each of a thousand members, and the room filling up at a showing's
 * start sends 75 MB of lists while its timeline waits behind them in every socket. Each member is
 * always told about itself; the whole list stays available from the room's REST view.
 */
public final class MemberListing {
  /** Rooms up to this size list every member. */
  static final int LIST_ALL_UP_TO = 100;
  /** A bigger room lists at most this many. */
  static final int MAX_LISTED = 50;

  private MemberListing() {}

  static boolean listsEveryone(int members) {
    return members <= LIST_ALL_UP_TO;
  }

  /** The members to list, in the room's order within each group. */
  static List<MemberView> listed(List<MemberView> members) {
    if (listsEveryone(members.size())) return members;
    List<MemberView> listed = new ArrayList<>(MAX_LISTED);
    for (MemberView m : members) {
      if (listed.size() == MAX_LISTED) return listed;
      if (isStaff(m)) listed.add(m);
    }
    for (MemberView m : members) {
      if (listed.size() == MAX_LISTED) return listed;
      if (!isStaff(m) && !"ready".equals(m.readiness())) listed.add(m);
    }
    return listed;
  }

  /** What a joining member is given: the listed members, and itself at the end if it is not one of them. */
  public static List<MemberView> forJoiner(List<MemberView> members, String joinerId) {
    return MemberView.listedWithOwn(listed(members), joinerId, members);
  }

  private static boolean isStaff(MemberView m) {
    return "owner".equals(m.role()) || "moderator".equals(m.role());
  }
}
