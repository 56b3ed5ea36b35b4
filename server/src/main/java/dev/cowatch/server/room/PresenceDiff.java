package dev.cowatch.server.room;

import dev.cowatch.protocol.ServerMessage.MemberView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What changed in a room's member list since the list its members were last sent: the entries to
 * add or replace, and the members gone. Pure.
 *
 * <p>Health (drift and round-trip time) moves a little with every report, once a second per member.
 * Sent each time, it would put the whole room in every change, and a room of a thousand would send
 * every member a list of a thousand again and again. A member counts as changed by its health only
 * when it moved enough for a reader to care: {@link #DRIFT_STEP_MS} of drift, or a round trip
 * {@link #RTT_STEP_MS} and a fifth longer or shorter than what was sent.
 */
final class PresenceDiff {
  static final double DRIFT_STEP_MS = 10;
  static final double RTT_STEP_MS = 10;
  static final double RTT_STEP_SHARE = 0.2;

  /**
   * @param members added or changed entries, in the room's order
   * @param left ids of members no longer in the room
   * @param sent the list the room's members have after this change (what the next diff starts from)
   */
  record Changes(List<MemberView> members, List<String> left, Map<String, MemberView> sent) {
    boolean isEmpty() {
      return members.isEmpty() && left.isEmpty();
    }

    int size() {
      return members.size() + left.size();
    }
  }

  private PresenceDiff() {}

  /** The list as the room's members will have it after a full presence. */
  static Map<String, MemberView> whole(List<MemberView> now) {
    Map<String, MemberView> sent = new LinkedHashMap<>();
    for (MemberView v : now) sent.put(v.id(), v);
    return sent;
  }

  /**
   * @param sent the list last sent
   * @param joinedSince members who joined after it was sent: a member who joined then has them in
   *     the list it was given on joining, so those who have gone again are named as left too
   */
  static Changes between(Map<String, MemberView> sent, Set<String> joinedSince, List<MemberView> now) {
    List<MemberView> changed = new ArrayList<>();
    Map<String, MemberView> next = new LinkedHashMap<>();
    for (MemberView v : now) {
      MemberView before = sent.get(v.id());
      if (before == null || differs(before, v)) {
        changed.add(v);
        next.put(v.id(), v);
      } else {
        // Unchanged to a reader: the members keep (and the next diff compares with) what they were sent.
        next.put(v.id(), before);
      }
    }
    List<String> left = new ArrayList<>();
    for (String id : sent.keySet()) {
      if (!next.containsKey(id)) left.add(id);
    }
    for (String id : joinedSince) {
      if (!next.containsKey(id) && !sent.containsKey(id)) left.add(id);
    }
    return new Changes(changed, left, next);
  }

  static boolean differs(MemberView a, MemberView b) {
    return !Objects.equals(a.name(), b.name()) || !Objects.equals(a.role(), b.role())
        || !Objects.equals(a.connection(), b.connection()) || !Objects.equals(a.readiness(), b.readiness())
        || !Objects.equals(a.userId(), b.userId())
        || driftMoved(a.driftMs(), b.driftMs()) || rttMoved(a.rttMs(), b.rttMs());
  }

  private static boolean driftMoved(Double was, Double now) {
    if (was == null || now == null) return was != now;
    return Math.abs(now - was) >= DRIFT_STEP_MS;
  }

  private static boolean rttMoved(Double was, Double now) {
    if (was == null || now == null) return was != now;
    double step = Math.max(RTT_STEP_MS, Math.abs(was) * RTT_STEP_SHARE);
    return Math.abs(now - was) >= step;
  }
}
